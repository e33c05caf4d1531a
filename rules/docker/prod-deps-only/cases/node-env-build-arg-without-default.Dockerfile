# NODE_ENV is whatever --build-arg says: unknown here, so not reported.
FROM node:22-alpine
ARG NODE_ENV
ENV NODE_ENV=${NODE_ENV}
WORKDIR /app
COPY package*.json ./
RUN npm ci
CMD ["node", "server.js"]
