# Node installed on a plain base image still runs under /bin/sh in shell form.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs && rm -rf /var/lib/apt/lists/*
CMD node /srv/app/server.js
#   ^^^^^^^^^^^^^^^^^^^^^^^ shellForm
