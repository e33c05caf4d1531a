FROM gcr.io/distroless/nodejs22-debian12:nonroot
COPY dist /app
HEALTHCHECK CMD ["curl", "-f", "http://localhost:3000/health"]
#                ^^^^^^ missingTool
CMD ["/app/server.js"]
