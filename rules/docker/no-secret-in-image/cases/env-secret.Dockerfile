FROM node:22-alpine
ENV NODE_ENV=production
ENV SESSION_SECRET=9f2c4e1a7b3d8f6e0c5a2b9d4e7f1a3c
#                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ literalSecret
CMD ["node", "server.js"]
