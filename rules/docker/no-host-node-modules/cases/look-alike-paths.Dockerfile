# Sources that merely mention node_modules, and node_modules as a destination, are fine.
FROM node:22-slim
WORKDIR /app
COPY node_modules.patch ./patches/
COPY vendor/local-pkg ./node_modules/local-pkg
COPY --from=node:22 /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
CMD ["node", "server.js"]
