# Trap: the command sets NODE_ENV=production for node itself.
FROM node:22-alpine
WORKDIR /app
COPY . .
USER node
CMD ["env", "NODE_ENV=production", "node", "server.js"]
