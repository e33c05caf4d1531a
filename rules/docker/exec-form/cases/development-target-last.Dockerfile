# Trap: the last stage is the development target; production builds `--target production`.
FROM node:22-alpine AS base
WORKDIR /app
COPY package*.json ./

FROM base AS production
ENV NODE_ENV=production
RUN npm ci --omit=dev
COPY . .
USER node
CMD ["node", "server.js"]

FROM base AS development
RUN npm install
COPY . .
CMD npm run dev
