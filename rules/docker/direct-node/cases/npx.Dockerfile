FROM node:22-alpine
ENTRYPOINT ["npx", "--yes", "serve", "-s", "build"]
#           ^^^^^^^^^^^^^^^^^^^^^^^ packageManager
