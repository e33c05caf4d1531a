#!/bin/bash
# Two background jobs, the first a chain that migrates then starts the server: `wait -n` ends the container with the
# status of the first to exit, and a failed migration stops its chain. errexit would change nothing.
{
  cd /app/server/ &&
    npx prisma migrate deploy --schema=./prisma/schema.prisma &&
    node /app/server/index.js
} &
{ node /app/collector/index.js; } &
wait -n
exit $?
