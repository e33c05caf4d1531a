FROM node:20-alpine AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --production
#                                        ^^^^^^^^^^^^ deprecated

FROM node:20-alpine
COPY --from=build /app /app
CMD ["node", "/app/dist/server.js"]
