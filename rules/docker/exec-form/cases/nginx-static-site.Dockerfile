# Trap: the image serves the built front end with nginx; no Node.js process runs in it.
FROM node:22-alpine AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
CMD nginx -g 'daemon off;'
