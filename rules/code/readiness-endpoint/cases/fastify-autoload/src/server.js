// fastify-cli's CommonJS layout: @fastify/autoload mounts each folder under routes/ at its name (routes/readyz → /readyz).
const path = require('node:path');
const Fastify = require('fastify');
const AutoLoad = require('@fastify/autoload');

const app = Fastify({ logger: true });
app.register(AutoLoad, { dir: path.join(__dirname, 'routes') });
app.listen({ port: 3000, host: '0.0.0.0' });
