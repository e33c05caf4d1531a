# Traps: ONBUILD steps run in a later build that uses this image as its base, and
# COPY --from=<image> copies from another image, not from the build context.
FROM node:22-alpine
WORKDIR /app
ONBUILD COPY node_modules ./node_modules
COPY --from=ghcr.io/acme/deps:2024.06 /deps/node_modules ./node_modules
COPY dist ./dist
CMD ["node", "dist/server.js"]
