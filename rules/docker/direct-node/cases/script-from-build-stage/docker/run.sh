#!/bin/sh
cd /app
exec node server.js
