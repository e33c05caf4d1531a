#!/bin/sh
# A start script with one step, run through exec (common shape, e.g. "Starting NVRemote API" scripts):
# nothing runs after node fails, and node's exit status is the script's.
echo "Starting API on PORT=${PORT:-8080}..."
exec node dist/main.js
