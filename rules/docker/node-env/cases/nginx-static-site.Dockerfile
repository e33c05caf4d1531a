# Node builds the static files; nginx serves them. No Node process runs in the image.
FROM node:22-alpine AS build
WORKDIR /app
RUN npm ci && npm run build

FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
