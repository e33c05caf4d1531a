FROM node:22-alpine
#    ^^^^^^^^^^^^^^ missing
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY dist ./dist
USER node
CMD ["node", "dist/server.js"]
