# Trap: `FROM node` names the stage called node, not the node image.
FROM --platform=$BUILDPLATFORM node:22-alpine AS node
RUN npm ci
FROM node
CMD ["node", "server.js"]
