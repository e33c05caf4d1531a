#!/bin/sh
npm run build && npm test
# expect: noErrexit
npm publish --registry "$REGISTRY"
