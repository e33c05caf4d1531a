FROM node:22-slim AS base
ENV NODE_ENV=production

FROM base
# The last ENV wins over the one the parent stage set.
ENV NODE_ENV=staging
#            ^^^^^^^ notProduction
CMD ["node", "server.js"]
