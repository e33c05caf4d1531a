FROM node:22-alpine
COPY package*.json ./
RUN npm ci --omit=dev
CMD ["node", "server.js"]
