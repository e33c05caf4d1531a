# A command-line client built from Go: no port, no server, nothing for a health check to ask.
FROM golang:1.23-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /push ./cmd/push

FROM alpine:3.20
COPY --from=build /push /usr/local/bin/push
USER 65532
ENTRYPOINT ["push"]
