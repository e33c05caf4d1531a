FROM node:22-alpine
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN corepack enable && pnpm install --frozen-lockfile
#                      ^^^^^^^^^^^^ devDependencies
CMD ["node", "server.js"]
