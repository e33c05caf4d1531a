FROM node:18-alpine

WORKDIR /app
COPY . .
RUN npm ci --only=production

# Production configuration
ENV NODE_ENV=production
ENV SOMON_MANAGEMENT_PORT=8080
ENV SOMON_LOG_LEVEL=info

# Health check
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=3 \
  CMD curl -f http://localhost:8080/health || exit 1
#     ^^^^ missingTool

EXPOSE 8080
CMD ["node", "dist/index.js"]
