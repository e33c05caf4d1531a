# Build stages are pulled too: an unpinned one changes what gets built.
FROM node:22.11.0-bookworm AS build
RUN npm ci && npm run build

FROM nginx AS assets
#    ^^^^^ untagged

FROM node:22.11.0-bookworm-slim
COPY --from=build /app /app
CMD ["node", "/app/server.js"]
