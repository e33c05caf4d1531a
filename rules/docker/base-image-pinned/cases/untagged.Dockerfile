FROM node
#    ^^^^ untagged
WORKDIR /app
CMD ["node", "server.js"]
