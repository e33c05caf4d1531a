FROM node:22-slim
WORKDIR /app
COPY package*.json ./
RUN npm install --no-audit --no-fund
#   ^^^^^^^^^^^ devDependencies
# Too late: set after the install.
ENV NODE_ENV=production
CMD ["node", "server.js"]
