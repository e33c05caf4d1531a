#!/bin/bash
# Guards that exit or set a default, then one step: its status is the script's, errexit changes nothing.
[ -f ../../.env ] && source ../../.env
if [ -z "${DATABASE_URL}" ]; then
  echo "DATABASE_URL not configured, skipping migration."
  exit 0
fi
if ! command -v migrate >/dev/null 2>&1; then
  echo "Error: migrate is not installed."
  exit 1
fi
if [ -z "${DB_NAME}" ]; then
  export DB_NAME="default"
fi
migrate -path ./migrations -database "${DATABASE_URL}" up
