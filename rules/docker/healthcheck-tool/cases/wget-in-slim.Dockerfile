FROM node:22-slim
COPY dist ./dist
HEALTHCHECK CMD wget -qO- http://localhost:3000/health
#               ^^^^ missingTool
CMD ["node", "dist/server.js"]
