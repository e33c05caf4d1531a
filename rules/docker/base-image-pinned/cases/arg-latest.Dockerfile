ARG NODE_TAG=latest
FROM node:${NODE_TAG}
#    ^^^^^^^^^^^^^^^^ latest
CMD ["node", "server.js"]
