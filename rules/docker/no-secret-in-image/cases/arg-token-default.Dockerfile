# A build argument's default is committed here and recorded in the image history.
ARG NPM_TOKEN=fake-registry-token-4f8b2c9d1e7a6f3b0c5d
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ literalSecret
FROM node:22 AS build
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci

FROM node:22-alpine
COPY --from=build /app /app
CMD ["node", "/app/server.js"]
