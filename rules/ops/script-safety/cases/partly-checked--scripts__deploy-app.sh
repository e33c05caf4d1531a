#!/bin/bash
# The migration is checked, the image pull before it is not: a failed pull still migrates and restarts on the old image.
docker compose pull api
# expect: noErrexit
docker compose run --rm api npm run migrate
if [ $? -ne 0 ]; then
  echo "migration failed"
  exit 1
fi
docker compose up -d api
