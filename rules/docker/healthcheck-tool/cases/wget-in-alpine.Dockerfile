# busybox in alpine images provides wget.
FROM node:22-alpine
COPY dist ./dist
HEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1
CMD ["node", "dist/server.js"]
