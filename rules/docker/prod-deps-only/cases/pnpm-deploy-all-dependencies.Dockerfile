# Without --prod, `pnpm deploy` copies devDependencies into the deployed folder too.
FROM node:22-alpine AS build
WORKDIR /usr/src/app
COPY . .
RUN corepack enable && pnpm install --frozen-lockfile && pnpm --filter=./apps/api build
RUN pnpm --filter=./apps/api deploy /prod/api

FROM node:22-alpine
WORKDIR /app
COPY --from=build /prod/api /app
#    ^^^^^^^^^^^^ copiedDevDependencies
USER node
CMD ["node", "dist/main.js"]
