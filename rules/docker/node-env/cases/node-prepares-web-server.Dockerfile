# node only writes the runtime configuration; the processes that stay are a Go file server and caddy.
FROM alpine:3.22
RUN apk add --no-cache nodejs caddy
COPY dist /site
COPY write-env.mjs /site/write-env.mjs
CMD ["/bin/sh", "-c", "node /site/write-env.mjs && (webapp-server & caddy run --config /etc/caddy/Caddyfile)"]
