# The shell runs node as its child: SIGTERM goes to sh.
FROM node:22-alpine
CMD ["sh", "-c", "node scripts/migrate.js && node dist/main.js"]
#                                            ^^^^^^^^^^^^^^^^^ noExec
