module.exports = async function (fastify, opts) {
  fastify.get('/', async (request, reply) => (fastify.db.ready ? { status: 'ready' } : reply.code(503).send()));
};
