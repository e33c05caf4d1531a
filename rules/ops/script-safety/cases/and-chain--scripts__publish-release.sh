#!/bin/sh
# One chain: the first step that fails stops it, and the script exits with that step's status.
npm run build &&
  npm pack --pack-destination dist &&
  npm publish dist/*.tgz --registry "$REGISTRY"
