FROM node:22-slim
ENV PORT=3000 NODE_ENV=development
#                      ^^^^^^^^^^^ notProduction
COPY dist ./dist
CMD ["node", "dist/server.js"]
