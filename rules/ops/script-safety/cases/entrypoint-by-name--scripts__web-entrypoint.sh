#!/bin/bash
# An image's entrypoint (the Dockerfile copies it as scripts/${APP}-entrypoint.sh): named for what it is, it counts
# though no file names it literally. The migration failing does not stop the server from starting on the old schema.
cd apps/web
# expect: noErrexit
npx prisma migrate deploy
node server.js
