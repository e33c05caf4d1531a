// A POST /health is not something a probe's GET reaches.
import Fastify from 'fastify';

const app = Fastify();
app.post('/health', async () => ({ ok: true }));
await app.listen({ port: 3000 });
// expect: missing
