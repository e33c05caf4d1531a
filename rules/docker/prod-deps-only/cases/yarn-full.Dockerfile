FROM node:22-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
#   ^^^^^^^^^^^^ devDependencies
CMD ["node", "server.js"]
