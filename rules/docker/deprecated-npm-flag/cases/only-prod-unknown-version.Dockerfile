# No version in the tag: a current npm is assumed.
FROM node:lts-alpine
RUN npm ci --only=prod
#          ^^^^^^^^^^^ deprecated
CMD ["node", "server.js"]
