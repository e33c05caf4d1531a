FROM node:22-slim AS build
WORKDIR /app
COPY ./node_modules/ /app/node_modules/
#    ^^^^^^^^^^^^^^^ hostNodeModules
RUN npm run build

FROM node:22-slim
ADD app/node_modules /srv/node_modules
#   ^^^^^^^^^^^^^^^^ hostNodeModules
COPY --chown=node:node ["package.json", "node_modules", "/srv/"]
#                                       ^^^^^^^^^^^^^^ hostNodeModules
CMD ["node", "/srv/server.js"]
