# Traps: tini and dumb-init forward signals to node; gosu and env exec it.
FROM node:22-alpine AS tini
ENTRYPOINT ["/sbin/tini", "-g", "--"]
CMD ["node", "server.js"]

FROM node:22-alpine
ENTRYPOINT ["dumb-init", "--single-child", "--", "gosu", "node", "env", "NODE_ENV=production"]
CMD ["node", "server.js"]
