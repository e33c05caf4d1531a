FROM node:22-alpine
CMD ["sh", "-c", "exec node --inspect=0.0.0.0 server.js"]
#                           ^^^^^^^^^^^^^^^^^ inspectFlag
