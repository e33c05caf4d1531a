// Express's res.set takes an object of headers: these are set on every response.
const express = require('express');

const app = express();
app.use((_req, res, next) => {
  res.set({ 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': process.env.X_FRAME_OPTIONS || 'DENY', 'Cache-Control': 'no-store' });
  next();
});
app.get('/', (_req, res) => res.json({ status: 'OK' }));
app.listen(3000);
