ARG NODE_VERSION=16
FROM node:${NODE_VERSION}-alpine
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^ endOfLife
CMD ["node", "server.js"]
