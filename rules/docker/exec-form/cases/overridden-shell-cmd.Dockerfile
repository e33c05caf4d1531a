# Trap: only the last CMD counts.
FROM node:22-alpine
CMD npm start
CMD ["node", "server.js"]
