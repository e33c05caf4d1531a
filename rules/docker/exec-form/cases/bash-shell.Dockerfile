# SHELL changes the shell, not the form: bash is still PID 1 in front of node.
FROM node:22-bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /app
cmd node server.js | tee /var/log/app.log
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ shellForm
