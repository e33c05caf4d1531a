# Not applicable: no CMD or ENTRYPOINT (the base image's default runs).
FROM node:22-alpine
COPY . /app
