#!/bin/bash
# deploy-production.sh

echo "Deploying QUALIA orchestrator to production..."
# expect: noErrexit

mkdir -p /production/orchestrator/{data/{states,backups,logs},config}
cp -r ./core ./commands /production/orchestrator/app/
cd /production/orchestrator/app
npm ci --omit=dev

# Narrow modes are fine.
chown -R orchestrator:orchestrator /production/orchestrator
chmod -R 755 /production/orchestrator/app
chmod -R 770 /production/orchestrator/data

systemctl restart orchestrator
