# yarn's --production is not deprecated.
FROM node:22-alpine
COPY package.json yarn.lock ./
RUN yarn install --production --frozen-lockfile
CMD ["node", "server.js"]
