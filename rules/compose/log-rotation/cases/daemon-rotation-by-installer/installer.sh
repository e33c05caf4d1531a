#!/bin/bash
set -euo pipefail
# Rotate container logs for everything this host runs.
cat <<'JSON' >/etc/docker/daemon.json
{
  "log-driver": "json-file",
  "log-opts": { "max-size": "100m", "max-file": "4" }
}
JSON
systemctl restart docker
docker compose --file /srv/pds/compose.yaml up --detach
