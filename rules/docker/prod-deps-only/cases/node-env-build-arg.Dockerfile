# Build arguments are in the environment of RUN: npm sees NODE_ENV=production.
FROM node:22-alpine
ARG NODE_ENV=production
WORKDIR /app
COPY package*.json ./
RUN npm ci
CMD ["node", "server.js"]
