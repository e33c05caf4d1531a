# A static binary in scratch: no shell, nothing to run a check with; not applicable.
FROM golang:1.22 AS build
RUN go build -o /out/app ./cmd/app

FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
