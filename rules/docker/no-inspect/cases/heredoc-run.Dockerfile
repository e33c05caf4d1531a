# Trap: a RUN (even a heredoc one) that uses the inspector is a build step, not the container's process.
FROM node:22-alpine
RUN <<EOF
node --inspect=9229 scripts/warmup.js
EXPOSE 9229
EOF
CMD ["node", "server.js"]
