#!/bin/bash
# Two servers started in the background and `wait -n`: errexit never applies to a background job, and the
# script ends with the status of the first one to exit.
node ./apps/api/dist/index.js &
node ./apps/plugins/server.js &
wait -n
