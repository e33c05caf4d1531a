# The production target is the one checked, even when a development stage comes last.
FROM node:22-alpine AS base
WORKDIR /app

FROM base AS production
CMD node server.js
#   ^^^^^^^^^^^^^^ shellForm

FROM base AS dev
CMD npm run dev
