FROM node:22-alpine
WORKDIR /app
COPY . .
USER node
CMD node server.js
#   ^^^^^^^^^^^^^^ shellForm
