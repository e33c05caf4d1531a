FROM node:18-alpine

WORKDIR /app

# Copy package files
COPY package*.json ./
RUN npm ci --only=production
#          ^^^^^^^^^^^^^^^^^ deprecated

# Copy application code
COPY dist ./dist
CMD ["node", "dist/server.js"]
