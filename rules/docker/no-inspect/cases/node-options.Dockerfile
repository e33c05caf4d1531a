FROM node:22-alpine
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size=384 --inspect=0.0.0.0:9229"
#                                          ^^^^^^^^^^^^^^^^^^^^^^ inspectOption
CMD ["node", "server.js"]
