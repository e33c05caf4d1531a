FROM node:22-alpine
CMD yarn start
#   ^^^^^^^^^^ packageManager
