#!/bin/bash
# A guard does not make two steps safe: the upload runs whether the dump failed or not.
if [ -z "${DATABASE_URL}" ]; then
  echo "DATABASE_URL not set"
  exit 1
fi
pg_dump "${DATABASE_URL}" > backup.sql
# expect: noErrexit
aws s3 cp backup.sql s3://acme-backups/
