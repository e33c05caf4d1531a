# The entrypoint drops to an unprivileged user before node starts.
FROM node:22-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gosu && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["gosu", "node", "node", "server.js"]
