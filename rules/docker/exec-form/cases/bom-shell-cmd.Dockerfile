FROM node:22-alpine
CMD npm run start:prod
#   ^^^^^^^^^^^^^^^^^^ shellForm
