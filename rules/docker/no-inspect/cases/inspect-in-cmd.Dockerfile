FROM node:22-alpine
WORKDIR /app
COPY . .
USER node
CMD ["node", "--inspect=0.0.0.0:9229", "server.js"]
#            ^^^^^^^^^^^^^^^^^^^^^^^^ inspectFlag
