# Root in a build stage is fine: only the final stage describes the running container.
FROM node:22 AS build
USER root
WORKDIR /src
RUN npm ci && npm run build

FROM node:22-alpine AS base
USER node

FROM base
COPY --from=build /src/dist /app
CMD ["node", "/app/server.js"]
