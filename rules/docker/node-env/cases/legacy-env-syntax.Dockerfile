# The old `ENV key value` form sets the same variable.
FROM node:22-slim
ENV NODE_ENV production
CMD ["node", "server.js"]
