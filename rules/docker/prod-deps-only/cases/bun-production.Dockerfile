# Trap: bun skips devDependencies with --production.
FROM oven/bun:1.1-alpine
WORKDIR /app
COPY package.json bun.lockb ./
RUN bun install --production --frozen-lockfile
COPY . .
CMD ["bun", "run", "src/index.ts"]
