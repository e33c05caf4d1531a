#!/bin/bash

echo "Starting rollback to previous version..."
# expect: noErrexit
LATEST_BACKUP=$(ls -t /data/effect-talk-sessions/backups/*.tar.gz | head -1)
systemctl restart effect-talk
