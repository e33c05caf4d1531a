FROM alpine:3.20
#    ^^^^^^^^^^^ missing
RUN apk add --no-cache nodejs
COPY dist /app
CMD ["node", "/app/server.js"]
