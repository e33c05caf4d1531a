# A Next.js build validates its env: the builder sets stand-ins that the runtime stage, built from a fresh base,
# never carries. A chosen secret in the same builder stays a finding, and so does a stand-in in the runtime stage.
FROM node:22-slim AS builder
ENV AUTH_SECRET="build-time-placeholder-min-32-chars-long" \
    DATABASE_AUTH_TOKEN=test \
    STRIPE_SECRET_KEY=dummy \
    SESSION_SECRET="tr0ub4dor-and-3" \
#                  ^^^^^^^^^^^^^^^^^ literalSecret
    JWT_SECRET=a8Fk3-x-Q9zLm2Pw7
#              ^^^^^^^^^^^^^^^^^ literalSecret
RUN npm ci && npm run build

FROM node:22-slim
ENV API_TOKEN=test
#             ^^^^ literalSecret
COPY --from=builder /app/.next/standalone ./
CMD ["node", "server.js"]
