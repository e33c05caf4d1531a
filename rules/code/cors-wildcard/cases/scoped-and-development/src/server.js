// Every origin on routes public by design, or only in development: the API itself stays closed.
const express = require('express');
const cors = require('cors');

const isProduction = process.env.NODE_ENV === 'production';
const app = express();
app.use('/static', cors(), express.static('public'));
app.get('/badge.svg', cors(), (_req, res) => res.type('svg').send('<svg/>'));
app.get('/sdk/config.json', (_req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.json({ version: 1 });
});
if (!isProduction) app.use(cors({ origin: true }));
app.use(cors({ origin: ['https://app.example.com'] }));
app.listen(3000);
