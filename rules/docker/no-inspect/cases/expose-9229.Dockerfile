FROM node:22-alpine
EXPOSE 3000 9229
#           ^^^^ inspectorPort
CMD ["node", "server.js"]
