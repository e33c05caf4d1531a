FROM node:22-slim
COPY dist ./dist
HEALTHCHECK CMD ["/bin/sh", "-c", "curl -f http://localhost:3000/health || exit 1"]
#                                  ^^^^ missingTool
CMD ["node", "dist/server.js"]
