#!/usr/bin/env sh
# One if whose branch is one && chain: the chain stops at the first failure and its status is the script's.
if [ ! -d ./frontend/build ]; then
    pnpm install --frozen-lockfile && pnpm build:frontend
fi
