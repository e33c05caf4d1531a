# The final stage inherits the CMD of the stage it is built FROM.
FROM node:22-alpine AS runtime
CMD cd /app && node server.js
#   ^^^^^^^^^^^^^^^^^^^^^^^^^ shellForm

FROM runtime
COPY dist /app
