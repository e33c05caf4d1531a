# A control plane that drives the host's Docker through its socket: root on the host whatever USER says, so USER is
# not the question (the socket mount is).
FROM node:22-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
  && curl -fsSL https://get.docker.com -o get-docker.sh && sh get-docker.sh && rm get-docker.sh
WORKDIR /app
COPY dist ./dist
CMD ["node", "dist/server.js"]
