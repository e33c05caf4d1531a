# The value comes from a build argument whose default is production.
FROM node:22-alpine
ARG NODE_ENV=production
ENV NODE_ENV=${NODE_ENV}
COPY dist ./dist
CMD ["node", "dist/server.js"]
