# Trap: pm2-runtime is made to be a container's process and forwards signals.
FROM node:22-alpine
RUN npm install -g pm2
CMD ["pm2-runtime", "ecosystem.config.js"]
