#!/bin/bash
# Not an operations script: tools/ is for local development.
docker compose up -d
chmod 777 .cache
