FROM node:22-alpine
USER 0:0
#    ^^^ rootUser
CMD ["node", "server.js"]
