#!/bin/sh
exec npm run start:prod
#    ^^^^^^^^^^^^^^^^^^ packageManager
