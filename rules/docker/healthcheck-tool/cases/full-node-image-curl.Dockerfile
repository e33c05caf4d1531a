# The full node images build on buildpack-deps, which ships curl and wget.
FROM node:22
COPY dist ./dist
HEALTHCHECK CMD curl --fail http://localhost:3000/health || exit 1
CMD ["node", "dist/server.js"]
