# dumb-init signals the whole process group, but the shell dies at once on SIGTERM and dumb-init exits with it:
# the container stops while node is still draining.
FROM node:22-alpine
RUN apk add --no-cache dumb-init
ENTRYPOINT ["dumb-init", "--"]
CMD ["sh", "-c", "node scripts/migrate.js && node dist/main.js"]
#                                            ^^^^^^^^^^^^^^^^^ noExec
