# escape=`
# Exec form written across lines with the backtick escape.
FROM node:22-alpine
CMD ["node", `
     "server.js"]
