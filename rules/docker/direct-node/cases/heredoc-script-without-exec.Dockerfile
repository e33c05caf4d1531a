# The script is written by the Dockerfile itself.
FROM node:22-alpine
COPY --chmod=755 <<EOF /usr/local/bin/start.sh
#!/bin/sh
set -e
node dist/server.js
# expect: noExec
EOF
CMD ["start.sh"]
