# nginx is started in the background; the process that stays is node.
FROM node:22-alpine
#    ^^^^^^^^^^^^^^ missing
RUN apk add --no-cache nginx
COPY . /app
CMD ["sh", "-c", "nginx && exec node /app/server.js"]
