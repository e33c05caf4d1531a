import helmet from '@fastify/helmet';
import Fastify from 'fastify';

const app = Fastify();
await app.register(helmet, { global: true });
await app.listen({ port: 3000 });
