FROM node:22 AS build
RUN npm ci --omit=dev

FROM gcr.io/distroless/nodejs18-debian12:nonroot
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ endOfLife
COPY --from=build /app /app
CMD ["/app/server.js"]
