# Trap: the heredoc body is a file's content, not Dockerfile instructions.
FROM node:22-alpine
COPY <<EOF /app/notes.txt
CMD npm start
ENTRYPOINT node server.js
EOF
CMD ["node", "/app/server.js"]
