FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY package*.json ./
RUN npm ci --include=dev && npm cache clean --force
#   ^^^^^^ devDependencies
CMD ["node", "dist/server.js"]
