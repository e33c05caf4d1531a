# The check is declared in the stage the final stage is built FROM: it is inherited.
FROM node:22-slim AS runtime
HEALTHCHECK --interval=30s CMD ["node", "healthcheck.js"]

FROM runtime
WORKDIR /app
COPY dist ./dist
CMD ["node", "dist/server.js"]
