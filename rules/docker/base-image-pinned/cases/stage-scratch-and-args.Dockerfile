# Traps: a stage name, scratch, an ARG with a default (resolved), an ARG without one (unknown).
ARG NODE_VERSION=22
ARG BASE_IMAGE
FROM node:${NODE_VERSION}-alpine AS build
RUN npm ci
FROM build AS test
RUN npm test
FROM ${BASE_IMAGE} AS custom
FROM scratch AS artifacts
COPY --from=build /app/dist /dist
FROM build
CMD ["node", "server.js"]
