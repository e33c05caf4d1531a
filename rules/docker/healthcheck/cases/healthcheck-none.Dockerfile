FROM node:22-alpine AS base
HEALTHCHECK CMD wget -q --spider http://localhost:3000/health || exit 1

FROM base
COPY dist ./dist
# Turns off the check the parent stage declared.
HEALTHCHECK NONE
#           ^^^^ disabled
CMD ["node", "dist/server.js"]
