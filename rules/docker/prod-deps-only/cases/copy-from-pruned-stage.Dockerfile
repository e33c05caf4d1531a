FROM node:22 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev

FROM gcr.io/distroless/nodejs22-debian12
COPY --from=build /app /app
CMD ["/app/dist/server.js"]
