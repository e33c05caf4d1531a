FROM node:22-alpine
ENV NODE_ENV=production
ENV FORTISTATE_ENABLE_INSPECTOR=true
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ devToolsOn
CMD ["node", "dist/server.js"]
