FROM node:20.11.1-bookworm-slim
#         ^^^^^^^^^^^^^^^^^^^^^ endOfLife
CMD ["node", "server.js"]
