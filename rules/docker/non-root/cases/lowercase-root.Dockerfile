# Instructions are case-insensitive.
from node:22-alpine as runtime
workdir /app
user node
run chown -R node /app
user root
#    ^^^^ rootUser
cmd ["node", "server.js"]
