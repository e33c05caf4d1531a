# Trap: an end-of-life node in a build stage does not run in production.
FROM node:16 AS build
WORKDIR /src
RUN npm ci && npm run build

FROM node:24-alpine
COPY --from=build /src/dist /app
CMD ["node", "/app/server.js"]
