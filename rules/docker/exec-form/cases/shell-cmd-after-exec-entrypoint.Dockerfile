# tini receives `/bin/sh -c "node server.js"`: the shell, not node, is tini's child.
FROM node:22-alpine
RUN apk add --no-cache tini
ENTRYPOINT ["/sbin/tini", "--"]
CMD node server.js
#   ^^^^^^^^^^^^^^ shellCmdArgs
