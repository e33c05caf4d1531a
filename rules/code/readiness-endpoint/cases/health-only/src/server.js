// Liveness only: one /health for both probes restarts every pod when the database is down.
const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
// expect: missing
