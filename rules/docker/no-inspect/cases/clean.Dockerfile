# Traps: the app port, a heap limit in NODE_OPTIONS, and an inspector in a build stage.
FROM node:22 AS build
ENV NODE_OPTIONS=--inspect
RUN node --inspect-brk scripts/build.js
EXPOSE 9229
CMD ["node", "--inspect", "scripts/dev.js"]

FROM node:22-alpine
ENV NODE_OPTIONS="--max-old-space-size=384"
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "/app/server.js"]
