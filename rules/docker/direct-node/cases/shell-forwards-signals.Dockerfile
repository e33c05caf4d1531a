# Trap: the shell traps SIGTERM and passes it on to node itself.
FROM node:22-alpine
COPY <<'EOF' /usr/local/bin/start.sh
#!/bin/sh
node dist/migrate.js
node dist/server.js &
pid=$!
trap 'kill -TERM "$pid"' TERM INT
wait "$pid"
EOF
CMD ["start.sh"]
