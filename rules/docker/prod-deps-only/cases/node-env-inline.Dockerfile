FROM node:22-alpine
WORKDIR /app
COPY package*.json ./
RUN NODE_ENV=production npm ci
CMD ["node", "dist/server.js"]
