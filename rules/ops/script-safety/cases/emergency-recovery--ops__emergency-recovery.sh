#!/bin/bash
# emergency-recovery.sh: restores the last backup

systemctl stop orchestrator
# expect: noErrexit

LATEST_BACKUP=$(ls -t /production/orchestrator/data/backups/*.tar.gz | head -1)
tar -xzf "$LATEST_BACKUP" -C /production/orchestrator/data/
systemctl start orchestrator
