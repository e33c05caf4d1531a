# NONE in the parent stage, a new check in the final stage: the last one wins.
FROM node:22-alpine AS base
HEALTHCHECK NONE

FROM base
HEALTHCHECK CMD ["node", "healthcheck.js"]
CMD ["node", "server.js"]
