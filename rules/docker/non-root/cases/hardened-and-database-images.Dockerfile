# Images that do not run as root without a USER: a Bitnami base (UID 1001), and a database image whose own
# entrypoint drops root before starting the server.
FROM bitnami/node:22 AS app
WORKDIR /app
COPY . .
CMD ["node", "server.js"]

FROM postgres:16.4
COPY init.sql /docker-entrypoint-initdb.d/
