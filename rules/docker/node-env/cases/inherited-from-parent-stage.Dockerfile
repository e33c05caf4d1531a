FROM node:22-slim AS runtime
ENV NODE_ENV=production

# Built FROM the runtime stage: its ENV is inherited.
FROM runtime
COPY dist ./dist
CMD ["node", "dist/server.js"]
