#!/bin/bash -e
npx prisma migrate deploy
