# Trap: shell form, but `exec` replaces the shell with node, so SIGTERM reaches node.
FROM node:22-alpine
WORKDIR /app
CMD cd /app && exec node server.js
