# A global ARG's default reaches the stage that declares the ARG again.
ARG NODE_ENV=production
FROM node:22-alpine
ARG NODE_ENV
ENV NODE_ENV="$NODE_ENV"
CMD ["node", "server.js"]
