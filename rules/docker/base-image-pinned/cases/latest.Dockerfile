FROM node:22 AS build
RUN npm ci

FROM gcr.io/distroless/nodejs22-debian12:latest
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ latest
COPY --from=build /app /app
