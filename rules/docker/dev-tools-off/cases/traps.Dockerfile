# Traps: a build stage's debug mode, an inspector's port and host, a switch turned back off, DEBUG=app:*.
FROM node:22 AS build
ENV DEBUG_MODE=true
RUN npm run build

FROM node:22-alpine
ENV INSPECTOR_PORT=9230 INSPECTOR_HOST=127.0.0.1
ENV ENABLE_DEBUG=true
ENV ENABLE_DEBUG=false
ENV DEBUG=app:*
ENV DEVTOOLS_ENABLED=${DEVTOOLS_ENABLED}
COPY --from=build /app /app
CMD ["node", "/app/server.js"]
