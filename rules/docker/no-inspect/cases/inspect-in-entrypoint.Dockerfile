FROM node:22-alpine
ENTRYPOINT ["node", "--inspect"]
#                   ^^^^^^^^^^^ inspectFlag
CMD ["server.js"]
