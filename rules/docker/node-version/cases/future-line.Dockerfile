# Trap: a line that has not started yet (27 starts in 2027) is not end of life.
FROM node:27-alpine
CMD ["node", "server.js"]
