#!/bin/bash
set -e
RUN_AS="gosu ${APP_UID:-1000}:${APP_GID:-1000}"
chown -R "${APP_UID:-1000}" /app/data
exec $RUN_AS node /app/server.js
