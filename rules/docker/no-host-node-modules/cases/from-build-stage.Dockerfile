# node_modules copied from a stage that installed it inside the image: fine.
FROM node:22 AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev

FROM node:22-slim
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY dist ./dist
CMD ["node", "dist/server.js"]
