# The Docker CLI alone may talk to a remote daemon (DOCKER_HOST): no socket, no reason to stay root.
FROM node:22-alpine
#    ^^^^^^^^^^^^^^ noUser
RUN apk add --no-cache docker-cli
WORKDIR /app
COPY dist ./dist
CMD ["node", "dist/server.js"]
