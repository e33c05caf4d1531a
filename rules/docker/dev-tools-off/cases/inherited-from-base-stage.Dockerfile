# The final stage inherits ENV from the stage it is built FROM.
FROM node:22-alpine AS base
ENV DEVTOOLS_ENABLED=true
#   ^^^^^^^^^^^^^^^^^^^^^ devToolsOn

FROM base
CMD ["node", "server.js"]
