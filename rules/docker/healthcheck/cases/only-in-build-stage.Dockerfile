FROM node:22 AS build
WORKDIR /src
HEALTHCHECK CMD curl -f http://localhost:3000/health
RUN npm ci && npm run build

# A check in another stage does not reach the image this one builds.
FROM node:22-slim
#    ^^^^^^^^^^^^ missing
COPY --from=build /src/dist /app
CMD ["node", "/app/server.js"]
