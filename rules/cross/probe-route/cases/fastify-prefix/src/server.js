const Fastify = require('fastify');

const app = Fastify();
app.register(
  async function health(instance) {
    instance.get('/live', async () => ({ ok: true }));
  },
  { prefix: '/health' },
);
app.listen({ port: 3000, host: '0.0.0.0' });
