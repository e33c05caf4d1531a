#!/bin/sh
# Guards, nested, that build a variable or refuse to start, then `exec`: nothing can fail halfway.
if [ -z "$DATABASE_URL" ]; then
    if [ -n "$DATABASE_HOST" ] && [ -n "$DATABASE_PASSWORD" ]; then
        DATABASE_URL="postgresql://app:${DATABASE_PASSWORD}@${DATABASE_HOST}/app"
        export DATABASE_URL
    else
        echo "Error: set DATABASE_URL"
        exit 1
    fi
fi
exec "$@"
