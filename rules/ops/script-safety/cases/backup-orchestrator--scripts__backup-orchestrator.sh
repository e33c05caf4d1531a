#!/bin/bash
# backup-orchestrator.sh

BACKUP_DIR="/production/orchestrator/data/backups"
TIMESTAMP=$(date +%Y%m%d_%H%M%S)
# expect: noErrexit

# Create timestamped backup
mkdir -p "$BACKUP_DIR/$TIMESTAMP"
cp -r /production/orchestrator/data/states "$BACKUP_DIR/$TIMESTAMP/"
tar -czf "$BACKUP_DIR/orchestrator_backup_$TIMESTAMP.tar.gz" -C "$BACKUP_DIR" "$TIMESTAMP"
rm -rf "$BACKUP_DIR/$TIMESTAMP"
