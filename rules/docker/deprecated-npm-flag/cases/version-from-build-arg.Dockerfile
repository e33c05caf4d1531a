ARG NODE_VERSION=16
FROM node:${NODE_VERSION}-slim
RUN npm ci --production
#          ^^^^^^^^^^^^ deprecated
CMD ["node", "server.js"]
