# A monorepo's standalone output nests the app's folder: its server.js still sets NODE_ENV=production itself.
FROM node:24-slim AS builder
WORKDIR /app
COPY . .
RUN corepack enable && pnpm install --frozen-lockfile && pnpm turbo run build --filter=@acme/dashboard

FROM node:24-slim
WORKDIR /app/apps/dashboard
COPY --from=builder --chown=1000:1000 "/app/apps/dashboard/.next/standalone/apps/dashboard/" "./"
COPY --from=builder /app/apps/dashboard/.next/static ./.next/static
USER 1000
CMD ["node", "server.js"]
