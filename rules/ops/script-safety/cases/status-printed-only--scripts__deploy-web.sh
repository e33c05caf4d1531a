#!/bin/bash
# Printing the status is not checking it: the restart runs whether the build failed or not.
npm run build
# expect: noErrexit
echo "build exited with $?"
pm2 reload web
