export default async function (fastify) {
  fastify.get('/:id', async (request) => ({ id: request.params.id }));
}
