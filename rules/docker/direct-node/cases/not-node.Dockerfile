# Not applicable: the process is not Node.js.
FROM nginx:1.27-alpine
CMD ["nginx", "-g", "daemon off;"]
