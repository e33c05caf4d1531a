FROM node:22-alpine
WORKDIR /app
COPY . .
RUN corepack enable && yarn workspaces focus --all --production
CMD ["node", "server.js"]
