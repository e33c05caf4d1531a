FROM node:hydrogen-alpine
#         ^^^^^^^^^^^^^^^ endOfLife
CMD ["node", "server.js"]
