FROM node:latest
#    ^^^^^^^^^^^ latest
CMD ["node", "server.js"]
