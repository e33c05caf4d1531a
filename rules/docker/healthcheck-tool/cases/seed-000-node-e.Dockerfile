FROM node:18-alpine
WORKDIR /app
COPY dist ./dist
ENV NODE_ENV=production
# node -e needs no HTTP tool: node is always there.
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD node -e "require('http').get('http://localhost:3000/health', (r) => process.exit(r.statusCode === 200 ? 0 : 1))"
CMD ["node", "dist/server.js"]
