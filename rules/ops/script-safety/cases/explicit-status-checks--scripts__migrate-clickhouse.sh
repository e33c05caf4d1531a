#!/bin/sh
# The script checks each step's status itself, to print what to do before it exits: it does not go on after a failure.
if [ -z "$CLICKHOUSE_URL" ]; then
  echo "CLICKHOUSE_URL is not set"
  exit 1
fi
migrate -source file://clickhouse/migrations -database "$CLICKHOUSE_URL" up
status=$?
if [ $status -ne 0 ]; then
  echo "Applying ClickHouse migrations failed: is the server reachable?"
  exit $status
fi
echo "Migrations applied"
