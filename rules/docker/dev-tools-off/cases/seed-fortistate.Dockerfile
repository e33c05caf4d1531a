# Seed F: the inspector is switched off explicitly (trap).
FROM node:18-alpine

WORKDIR /app

# Copy package files
COPY package*.json ./
RUN npm ci --only=production

# Copy application code
COPY dist ./dist
COPY node_modules ./node_modules

# Set environment
ENV NODE_ENV=production
ENV FORTISTATE_ENABLE_INSPECTOR=false

# Health check
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD node -e "require('http').get('http://localhost:3000/health', (r) => process.exit(r.statusCode === 200 ? 0 : 1))"

# Run
CMD ["node", "dist/server.js"]
