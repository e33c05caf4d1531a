FROM node:22-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci
#   ^^^^^^ devDependencies
COPY dist ./dist
CMD ["node", "dist/server.js"]
