# Each alias follows a new Node.js major when one is released.
FROM node:lts AS deps
#    ^^^^^^^^ floatingNode
FROM node:current-alpine AS build
#    ^^^^^^^^^^^^^^^^^^^ floatingNode
FROM node:alpine AS test
#    ^^^^^^^^^^^ floatingNode
FROM node:slim AS lint
#    ^^^^^^^^^ floatingNode
FROM node:lts-alpine
#    ^^^^^^^^^^^^^^^ floatingNode
CMD ["node", "server.js"]
