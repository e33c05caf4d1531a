# Digest pins fix the exact image, with or without a tag.
FROM node@sha256:2a0f4e9b6c1d4b3f2d8e7c6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c AS build
FROM node:lts-alpine@sha256:2a0f4e9b6c1d4b3f2d8e7c6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c
CMD ["node", "server.js"]
