# Node installed from alpine packages is still alpine: busybox wget, no curl.
FROM alpine:3.20
RUN apk add --no-cache nodejs npm
COPY dist ./dist
HEALTHCHECK CMD curl -f http://localhost:3000/health
#               ^^^^ missingTool
CMD ["node", "dist/server.js"]
