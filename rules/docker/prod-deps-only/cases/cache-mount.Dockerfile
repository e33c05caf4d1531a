# A RUN --mount flag is not part of the command: the finding sits on `npm ci`.
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --no-audit
#                                                    ^^^^^^ devDependencies
COPY . .
CMD ["node", "server.js"]
