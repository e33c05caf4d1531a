# Trap: an ENTRYPOINT set in a later stage clears the CMD inherited from the earlier one.
FROM node:22-alpine AS base
CMD npm start

FROM base
ENTRYPOINT ["node", "server.js"]
