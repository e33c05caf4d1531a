#!/bin/sh
# One if/else whose branches run one command each: its status is the script's, nothing runs after it.
if [ "$ROLE" = "worker" ]; then
  exec node dist/worker.js
else
  node dist/server.js
fi
