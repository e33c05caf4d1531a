// /health checks the database and answers 503 when it is down; /health/live only says the process is up.
const express = require('express');
const { db } = require('./db');

const app = express();
app.get('/health/live', (req, res) => res.send('ok'));
app.get('/health', async (req, res) => {
  const up = await db.ping().then(() => true, () => false);
  res.status(up ? 200 : 503).send(up ? 'ok' : 'database down');
});
app.listen(process.env.PORT || 3000);
