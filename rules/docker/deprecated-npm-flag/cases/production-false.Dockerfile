# Trap: `--production=false` asks for devDependencies: `--omit=dev` is not its replacement.
FROM node:22-alpine AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci --production=false
