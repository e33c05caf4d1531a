# The build stage installs everything; `pnpm --prod deploy` writes the app with production dependencies only.
FROM node:22-alpine AS build
WORKDIR /usr/src/app
COPY . .
RUN corepack enable && pnpm install --frozen-lockfile && pnpm --filter=./apps/api build
RUN pnpm --filter=./apps/api --prod deploy --legacy /prod/api

FROM node:22-alpine
WORKDIR /app
COPY --from=build /prod/api/dist ./dist
COPY --from=build /prod/api/node_modules ./node_modules
USER node
CMD ["node", "dist/main.js"]
