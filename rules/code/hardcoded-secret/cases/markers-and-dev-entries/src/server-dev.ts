// Only `npm run dev` starts this file: development settings for a local server.
import express from 'express';

const dev = { sessionSecret: 'local-dev-session-secret' };
express().listen(3000, () => console.log(dev));
