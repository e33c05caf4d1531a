FROM node:22-alpine AS build
RUN npm ci

FROM node:22.11.0-bookworm-slim
COPY --from=build /app /app
CMD ["node", "/app/server.js"]
