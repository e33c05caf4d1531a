FROM node:22 AS build
WORKDIR /usr/src/app
COPY . .
RUN yarn install --frozen-lockfile && yarn build

FROM node:22-slim
COPY --from=build /usr/src /srv
#    ^^^^^^^^^^^^ copiedDevDependencies
CMD ["node", "/srv/app/dist/server.js"]
