# Odd lines are never LTS: 23 ended on 2025-06-01.
FROM node:23-alpine
#         ^^^^^^^^^ endOfLife
CMD ["node", "server.js"]
