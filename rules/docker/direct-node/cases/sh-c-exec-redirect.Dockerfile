# `exec` replaces the shell with node; the redirection is the shell's, not a command after it.
FROM node:22-alpine
WORKDIR /app
COPY . .
USER node
CMD ["sh", "-c", "exec node server.js 2>&1"]
