FROM node:18-alpine

WORKDIR /app

# Copy package files
COPY package*.json ./
RUN npm ci --only=production

# Copy application code
COPY dist ./dist
COPY node_modules ./node_modules
#    ^^^^^^^^^^^^ hostNodeModules

ENV NODE_ENV=production
CMD ["node", "dist/server.js"]
