# npm leaves devDependencies out when NODE_ENV=production is in effect.
FROM node:22-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY dist ./dist
CMD ["node", "dist/server.js"]
