# Trap: a shell-form CMD in a build stage never runs in production.
FROM node:22 AS build
WORKDIR /src
CMD npm run build

FROM node:22-alpine
COPY --from=build /src/dist /app
CMD ["node", "/app/server.js"]
