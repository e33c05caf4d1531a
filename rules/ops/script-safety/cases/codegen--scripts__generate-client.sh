#!/bin/sh
# Generating code on a developer's machine is not an operation on what runs.
npx openapi-typescript openapi.yaml -o src/api.d.ts
npx prettier --write src/api.d.ts
