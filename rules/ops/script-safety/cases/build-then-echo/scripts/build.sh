#!/bin/sh
npm run build
# expect: noErrexit
echo "Build complete"
