FROM node:22 AS build
ENV NODE_ENV=production
RUN npm ci && npm run build

# ENV does not travel with COPY --from: this stage starts from a fresh node image.
FROM node:22-slim
#    ^^^^^^^^^^^^ missing
COPY --from=build /app /app
CMD ["node", "/app/server.js"]
