// fastify-cli's layout: @fastify/autoload mounts each folder under routes/ at its name (routes/health → /health).
import Fastify from 'fastify';
import AutoLoad from '@fastify/autoload';
import path from 'node:path';

const app = Fastify({ logger: true });
app.register(AutoLoad, { dir: path.join(import.meta.dirname, 'routes'), options: { prefix: '/' } });
await app.listen({ port: 3000, host: '0.0.0.0' });
