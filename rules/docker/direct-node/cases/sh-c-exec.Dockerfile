# Trap: the shell execs node at the end.
FROM node:22-alpine
CMD ["/bin/sh", "-c", "node scripts/migrate.js && exec node dist/main.js"]
