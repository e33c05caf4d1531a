# distroless runs as root unless a :nonroot tag is used.
FROM node:22 AS build
WORKDIR /app
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs22-debian12
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ noUser
COPY --from=build /app /app
CMD ["/app/server.js"]
