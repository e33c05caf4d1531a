# Under tini the process is still npm.
FROM node:22-alpine
RUN apk add --no-cache tini
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["npm", "run", "start:prod"]
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^ packageManager
