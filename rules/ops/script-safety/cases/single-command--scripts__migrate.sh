#!/usr/bin/env bash
node dist/scripts/migrate.js "$@"
