// Routes registered in one chain on the app express() returns.
const express = require('express');

const app = express()
  .get('/healthz', (req, res) => res.json({ status: 'ok' }))
  .use(express.json())
  .post('/config/save', (req, res) => res.sendStatus(204));
app.listen(4000);
