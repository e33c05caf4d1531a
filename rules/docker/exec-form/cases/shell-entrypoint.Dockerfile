# A shell-form ENTRYPOINT ignores CMD altogether: only the ENTRYPOINT is reported.
FROM node:22-alpine
ENTRYPOINT node server.js --port 3000
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^ shellForm
CMD --verbose
