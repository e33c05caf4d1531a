# Migrating first and then starting the server is a long-running service all the same.
FROM node:22-bookworm-slim
#    ^^^^^^^^^^^^^^^^^^^^^ missing
WORKDIR /app
COPY . .
USER node
CMD ["sh", "-c", "node scripts/migrate.js && exec node dist/server.js"]
