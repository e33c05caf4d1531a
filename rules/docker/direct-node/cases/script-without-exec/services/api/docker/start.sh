#!/bin/bash
set -euo pipefail
echo "starting api"
node dist/server.js --port "${PORT:-3000}"
# expect: noExec
