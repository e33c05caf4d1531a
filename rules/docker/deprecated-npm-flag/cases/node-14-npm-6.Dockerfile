# node 14 ships npm 6, where --only=production is the way to skip devDependencies.
FROM node:14-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --only=production
CMD ["node", "server.js"]
