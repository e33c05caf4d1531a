# tini forwards signals to the shell of a shell-form CMD, which does not pass them on to npm.
FROM node:22-alpine
USER node
ENTRYPOINT ["/sbin/tini", "--"]
CMD NODE_ENV=production npm run serve
#                       ^^^^^^^^^^^^^ packageManager
