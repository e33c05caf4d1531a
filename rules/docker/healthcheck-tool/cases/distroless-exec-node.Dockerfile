# Exec form with node needs neither a shell nor curl.
FROM gcr.io/distroless/nodejs22-debian12:nonroot
COPY dist /app
HEALTHCHECK --interval=30s --timeout=3s CMD ["/nodejs/bin/node", "/app/healthcheck.js"]
CMD ["/app/server.js"]
