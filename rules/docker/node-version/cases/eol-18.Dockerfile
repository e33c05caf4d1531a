# Seed F/S: node:18-alpine, end of life since 2025-04-30.
FROM node:18-alpine
#         ^^^^^^^^^ endOfLife
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
CMD ["node", "dist/server.js"]
