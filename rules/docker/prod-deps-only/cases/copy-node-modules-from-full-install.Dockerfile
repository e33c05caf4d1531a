FROM node:22 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:22-slim
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
#    ^^^^^^^^^^^^ copiedDevDependencies
COPY --from=build /app/dist ./dist
CMD ["node", "dist/server.js"]
