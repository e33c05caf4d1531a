FROM node:22-alpine AS build
RUN apk add --no-cache curl
RUN npm ci && npm run build

# curl was installed in the build stage, not in this one.
FROM node:22-alpine
COPY --from=build /app/dist ./dist
HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1
#               ^^^^ missingTool
CMD ["node", "dist/server.js"]
