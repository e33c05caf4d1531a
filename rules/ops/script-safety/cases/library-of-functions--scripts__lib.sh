#!/bin/sh
# Sourced by the other scripts: defines functions only.
retry() {
  n=0
  until "$@"; do
    n=$((n + 1))
    [ "$n" -ge 5 ] && return 1
    sleep 2
  done
}
