FROM node:22-alpine
#    ^^^^^^^^^^^^^^ noUser
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
