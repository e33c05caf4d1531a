# escape=`
FROM node:22-alpine
CMD node `
    --inspect=0.0.0.0:9229 `
#   ^^^^^^^^^^^^^^^^^^^^^^ inspectFlag
    server.js
