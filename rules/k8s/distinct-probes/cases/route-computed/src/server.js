// /healthz asks the database: a shared probe restarts every pod when the database is down.
const express = require('express');
const db = require('./db');
const app = express();
app.get('/healthz', async (_req, res) => {
  await db.query('select 1');
  res.json({ status: 'ok' });
});
app.listen(3000);
