#!/bin/sh
if [ -n "$MIGRATE" ]; then
# expect: noErrexit
  npx prisma migrate deploy
  node dist/server.js
fi
