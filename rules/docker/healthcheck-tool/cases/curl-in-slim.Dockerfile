FROM node:22-bookworm-slim
COPY dist ./dist
HEALTHCHECK --interval=30s CMD ["curl", "-fsS", "http://localhost:3000/health"]
#                               ^^^^^^ missingTool
CMD ["node", "dist/server.js"]
