# Trap: a lone shell-form command is docker/exec-form's finding, not this rule's.
FROM node:22-alpine
CMD node server.js
