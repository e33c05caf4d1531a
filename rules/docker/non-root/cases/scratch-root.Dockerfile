# hadolint DL3002 spec ("no root:root"): an explicit root USER is reported even on scratch.
FROM scratch
COPY server /server
USER root:root
#    ^^^^^^^^^ rootUser
ENTRYPOINT ["/server"]
