#!/bin/sh
set -e
echo "migrating" >&2
VERSION=$(node -p "require('./package.json').version")
npx prisma migrate deploy 2>&1
npm start 2>&1
# expect: packageManager
