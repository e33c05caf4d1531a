# node only prepares the configuration; the processes that stay are the web server and caddy, which no node rule judges.
FROM node:22-alpine
COPY --from=caddy:2 /usr/bin/caddy /usr/bin/caddy
CMD ["/bin/sh", "-c", "node /site/write-env.mjs && (webapp-server & caddy run --config /etc/caddy/Caddyfile)"]
