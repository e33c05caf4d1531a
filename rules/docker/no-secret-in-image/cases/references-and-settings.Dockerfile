# Traps: paths to secret files, lifetimes, references, keys without a value and empty values.
ARG NPM_TOKEN
ARG GITHUB_TOKEN=
FROM node:22-alpine
ENV JWT_SECRET_FILE=/run/secrets/jwt
ENV TOKEN_TTL=3600 SESSION_SECRET_LENGTH=64 AUTH_HEADER=x-api-token
ENV SESSION_SECRET=${SESSION_SECRET}
ENV DATABASE_PASSWORD=$DATABASE_PASSWORD
ENV API_KEY=""
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci --omit=dev
CMD ["node", "server.js"]
