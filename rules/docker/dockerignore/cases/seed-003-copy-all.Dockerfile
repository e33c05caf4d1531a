FROM node:18-alpine

WORKDIR /app
COPY . .
#    ^ missingIgnore
RUN npm ci --only=production

# Production configuration
ENV NODE_ENV=production
CMD ["node", "dist/index.js"]
