# The final stage is built FROM a stage whose base is end of life.
FROM node:18-slim AS base
#         ^^^^^^^ endOfLife
WORKDIR /app

FROM base
COPY . .
CMD ["node", "server.js"]
