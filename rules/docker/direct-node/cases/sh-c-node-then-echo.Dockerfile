# Only a message follows node: node is still the process that stays, behind the shell.
FROM node:22-alpine
CMD ["sh", "-c", "node dist/main.js; echo server stopped"]
#                 ^^^^^^^^^^^^^^^^^ noExec
