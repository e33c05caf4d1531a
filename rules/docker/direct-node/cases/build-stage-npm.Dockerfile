# Trap: npm in a build stage never runs in production.
FROM node:22 AS build
CMD ["npm", "run", "build"]

FROM gcr.io/distroless/nodejs22-debian12
COPY --from=build /app /app
CMD ["/app/server.js"]
