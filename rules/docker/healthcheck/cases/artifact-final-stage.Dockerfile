# From louislam/uptime-kuma docker/dockerfile (trimmed): the last stage only uploads build output to GitHub and
# starts nothing; production builds `--target release`, which has the HEALTHCHECK.
FROM louislam/uptime-kuma:base-debian AS build
WORKDIR /app
COPY . .
RUN npm ci && \
    npm run build && \
    npm ci --omit=dev

FROM louislam/uptime-kuma:base-debian AS release
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3001
HEALTHCHECK --interval=60s --timeout=30s --start-period=180s --retries=5 CMD node extra/healthcheck.js
ENTRYPOINT ["/usr/bin/dumb-init", "--", "extra/entrypoint.sh"]
CMD ["node", "server/server.js"]

FROM release AS nightly
RUN npm run mark-as-nightly

# Upload the artifact to Github
FROM louislam/uptime-kuma:base-debian AS upload-artifact
WORKDIR /
RUN apt update && \
    apt --yes install curl file
COPY --from=build /app /app
ARG VERSION=1.9.1
ARG GITHUB_TOKEN
RUN cd /app && tar -zcvf dist.tar.gz dist
RUN /app/extra/upload-github-release-asset.sh github_api_token=$GITHUB_TOKEN owner=louislam repo=uptime-kuma tag=$VERSION filename=/app/dist.tar.gz
