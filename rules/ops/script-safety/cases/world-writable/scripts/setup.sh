#!/usr/bin/env bash
set -euo pipefail

chmod -R 777 /data/uploads
#        ^^^ worldWritable
sudo chmod a+rwx /var/log/app
#          ^^^^^ worldWritable
chmod go+w,u+x shared.sock
#     ^^^^^^^^ worldWritable
find /srv/app -type d -exec chmod 0777 {} \;
#                                 ^^^^ worldWritable
# Fine: the sticky-bit shared tmp mode, executable bits, owner-only modes, and removing write.
chmod 1777 /tmp/app-cache
chmod +x bin/server
chmod 755 bin
chmod o-w config.json
echo "chmod 777 is never used here"
