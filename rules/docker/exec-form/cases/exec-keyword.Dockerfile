# Trap: `exec` alone is the whole shell command.
FROM node:22-alpine
CMD exec node server.js
