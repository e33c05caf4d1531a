# The final stage is built FROM a stage that installs curl: it has it.
FROM node:22-alpine AS runtime
RUN apk add --no-cache curl

FROM runtime
COPY dist ./dist
HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1
CMD ["node", "dist/server.js"]
