FROM node:22-alpine
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN corepack enable && pnpm install -P --frozen-lockfile
CMD ["node", "server.js"]
