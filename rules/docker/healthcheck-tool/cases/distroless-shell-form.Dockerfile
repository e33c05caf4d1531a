FROM node:22 AS build
WORKDIR /app
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs22-debian12
COPY --from=build /app /app
HEALTHCHECK CMD /nodejs/bin/node /app/healthcheck.js
#           ^^^ noShell
CMD ["/app/server.js"]
