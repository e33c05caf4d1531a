#!/bin/sh
# Helpers first; errexit before anything runs.
log() {
  echo "[release] $*"
}
fail() { echo "$*" >&2; exit 1; }
readonly VERSION="${1:?version}"
set -o pipefail
set -o errexit
log "releasing $VERSION"
npm version "$VERSION"
