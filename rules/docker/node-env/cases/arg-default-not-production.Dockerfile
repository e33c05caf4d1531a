FROM node:22-alpine
ARG NODE_ENV=development
ENV NODE_ENV=$NODE_ENV
#            ^^^^^^^^^ notProduction
CMD ["node", "server.js"]
