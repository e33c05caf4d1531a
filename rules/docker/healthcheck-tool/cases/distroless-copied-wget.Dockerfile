# A static wget copied in from busybox: the check can run it (exec form, no shell needed).
FROM busybox:1.36-musl AS tools

FROM gcr.io/distroless/nodejs22-debian12
COPY --from=tools /bin/wget /usr/bin/wget
COPY dist /app
HEALTHCHECK CMD ["/usr/bin/wget", "-q", "--spider", "http://localhost:3000/health"]
CMD ["/app/server.js"]
