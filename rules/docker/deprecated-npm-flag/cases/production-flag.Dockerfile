FROM node:22-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --production --no-audit
#               ^^^^^^^^^^^^ deprecated
CMD ["node", "server.js"]
