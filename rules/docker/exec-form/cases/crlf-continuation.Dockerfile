FROM node:22-alpine
WORKDIR /app
CMD node \
#   ^^^^ shellForm
  server.js
