FROM node:22-alpine
ENV APP_DEBUG_MODE=1 \
#   ^^^^^^^^^^^^^^^^ devToolsOn
    ENABLE_DEBUG=yes \
#   ^^^^^^^^^^^^^^^^ devToolsOn
    REDUX_DEVTOOLS=on
#   ^^^^^^^^^^^^^^^^^ devToolsOn
CMD ["node", "server.js"]
