# The node image's docker-entrypoint.sh execs its arguments: npm is then the container's process.
FROM node:22-alpine
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["npm", "run", "serve"]
#    ^^^^^^^^^^^^^^^^^^^^^ packageManager
