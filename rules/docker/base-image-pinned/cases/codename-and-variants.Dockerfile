# Trap: a codename pins the major; other images' variant tags are versions of their own.
FROM node:jod-alpine AS build
FROM nginx:alpine AS web
FROM node:22-alpine3.20
CMD ["node", "server.js"]
