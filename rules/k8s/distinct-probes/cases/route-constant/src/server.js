// /healthz answers a constant: it proves the process responds and checks nothing else.
const express = require('express');
const app = express();
app.get('/healthz', (_req, res) => res.status(200).json({ status: 'ok' }));
app.listen(3000);
