FROM node:22-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit dev --no-audit
CMD ["node", "server.js"]
