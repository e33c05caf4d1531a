FROM node:22-alpine AS base
EXPOSE 9229/tcp
#      ^^^^^^^^ inspectorPort

FROM base
CMD ["node", "server.js"]
