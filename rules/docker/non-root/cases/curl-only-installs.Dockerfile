# Installing curl and git is no reason to stay root.
FROM node:22-slim
#    ^^^^^^^^^^^^ noUser
RUN apt-get update && apt-get install -y --no-install-recommends curl git docker-compose-completion
WORKDIR /app
COPY dist ./dist
CMD ["node", "dist/server.js"]
