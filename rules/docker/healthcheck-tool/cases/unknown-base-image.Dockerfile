# What a private base image ships is unknown: no finding.
FROM registry.example.com/platform/node-runtime:22
COPY dist ./dist
HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1
CMD ["node", "dist/server.js"]
