FROM node:22-slim
USER node
WORKDIR /app
USER root
#    ^^^^ rootUser
CMD ["node", "server.js"]
