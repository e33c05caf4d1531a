// A worker's probe endpoint: it answers health checks and holds no request worth draining.
const express = require('express');

const app = express();
app.get('/healthz', (_req, res) => res.status(200).send('OK'));
app.get('/readyz', (_req, res) => res.status(200).send('OK'));
app.listen(process.env.WORKER_PORT || 5566);
