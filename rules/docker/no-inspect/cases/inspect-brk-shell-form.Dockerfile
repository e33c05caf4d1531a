FROM node:22-alpine
CMD node --inspect-brk server.js
#        ^^^^^^^^^^^^^ inspectFlag
