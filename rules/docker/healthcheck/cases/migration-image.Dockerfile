# An image that applies the database migrations and exits: a job, with nothing for a health check to ask.
FROM node:22-bookworm-slim
WORKDIR /migrations
RUN npm install -g prisma@6.1.0
COPY prisma ./prisma
COPY scripts/db-migrate.mjs ./scripts/db-migrate.mjs
USER node
CMD ["node", "scripts/db-migrate.mjs"]
