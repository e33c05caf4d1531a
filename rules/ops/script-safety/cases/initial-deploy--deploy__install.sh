#!/bin/bash

set -e

echo "Starting EffectTalk deployment..."
node -e "require('./dist/config.js').validateConfig()"
mkdir -p /data/effect-talk-sessions/{active,archived,backups}
chown effect-talk:effect-talk /data/effect-talk-sessions
chmod 0700 /data/effect-talk-sessions
