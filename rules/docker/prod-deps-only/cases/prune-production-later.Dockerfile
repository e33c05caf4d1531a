FROM node:22-slim
WORKDIR /app
COPY . .
RUN npm ci
RUN npm run build
RUN npm prune --production
CMD ["node", "dist/server.js"]
