# A full install to build, then the devDependencies pruned away in the same stage.
FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev
CMD ["node", "dist/server.js"]
