# A server that is not Node.js still answers on its port: it needs a check too.
FROM alpine:3.20
#    ^^^^^^^^^^^ missing
COPY gateway /usr/local/bin/gateway
EXPOSE 8080
USER 65532
ENTRYPOINT ["gateway"]
