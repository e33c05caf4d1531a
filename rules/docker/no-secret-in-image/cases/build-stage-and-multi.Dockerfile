# Every stage counts: a build stage's ENV is in the Dockerfile and in that stage's history.
FROM node:22 AS build
ENV DB_PASSWORD="hunter2-but-longer" \
#               ^^^^^^^^^^^^^^^^^^^^ literalSecret
    API_KEY='fake-key-51HxYz' LOG_LEVEL=info
#           ^^^^^^^^^^^^^^^^^ literalSecret
RUN npm ci

FROM node:22-alpine
ENV adminToken changeme-please
#              ^^^^^^^^^^^^^^^ literalSecret
CMD ["node", "server.js"]
