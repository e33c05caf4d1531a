#!/bin/bash
set -euo pipefail
tar -czf "/backups/orchestrator_$(date +%F).tar.gz" /production/orchestrator/data/states
