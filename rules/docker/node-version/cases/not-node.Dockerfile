# Not applicable: the final image is not a Node image.
FROM node:16 AS build
RUN npm run build
FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
