# Trap: lts and current are supported by definition (docker/base-image-pinned asks to pin them).
FROM node:current-alpine AS build
FROM node:lts-slim
CMD ["node", "server.js"]
