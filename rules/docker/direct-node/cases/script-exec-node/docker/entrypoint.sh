#!/bin/sh
set -e
if [ -n "$RUN_MIGRATIONS" ]; then
  node scripts/migrate.js
fi
exec node dist/server.js "$@"
