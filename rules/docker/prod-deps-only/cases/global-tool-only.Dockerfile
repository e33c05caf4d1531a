# Installing a named global tool is not installing the app's dependencies: not applicable.
FROM node:22-alpine
RUN npm install -g pm2@5
COPY dist /app
CMD ["pm2-runtime", "/app/server.js"]
