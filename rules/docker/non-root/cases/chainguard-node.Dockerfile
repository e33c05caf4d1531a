# Chainguard's node image runs as the unprivileged `node` user by default (https://images.chainguard.dev/directory/image/node).
FROM cgr.dev/chainguard/node:latest-dev AS build
WORKDIR /app
COPY --chown=node:node package*.json ./
RUN npm ci --omit=dev
COPY --chown=node:node . .

FROM cgr.dev/chainguard/node@sha256:2b0a6b0b1b3a1c5f2f7d5e3c1d0b9a8f7e6d5c4b3a2918273645546372819a0b
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
CMD ["server.js"]
