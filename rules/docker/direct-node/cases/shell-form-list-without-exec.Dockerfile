FROM node:22-alpine
CMD cd /app && node server.js
#              ^^^^^^^^^^^^^^ noExec
