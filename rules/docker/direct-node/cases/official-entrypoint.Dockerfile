# Trap: the node image's docker-entrypoint.sh execs its arguments and runs a .js file with node.
FROM node:22-alpine
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["dist/server.js"]
