# Traps: only the last NODE_OPTIONS is in effect; --inspect-publish-uid does not open the inspector.
FROM node:22-alpine
ENV NODE_OPTIONS=--inspect
ENV NODE_OPTIONS=--enable-source-maps
CMD ["node", "--inspect-publish-uid=stderr", "server.js"]
