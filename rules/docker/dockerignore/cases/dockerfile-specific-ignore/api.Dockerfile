# api.Dockerfile.dockerignore beside this Dockerfile takes precedence over .dockerignore.
FROM node:22-slim
WORKDIR /app
COPY . .
CMD ["node", "server.js"]
