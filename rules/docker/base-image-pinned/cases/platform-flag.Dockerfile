# The image is read after --platform; a build argument in the flag is not the image.
FROM --platform=$BUILDPLATFORM node:22-alpine AS build
RUN npm ci
from --platform=linux/amd64 node as runtime
#                           ^^^^ untagged
copy --from=build /app /app
