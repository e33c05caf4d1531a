// Since Node.js 15 an unhandled rejection is raised as an uncaught exception: this handler logs and exits for both.
const express = require('express');
const app = express();
process.on('uncaughtException', (err) => {
  console.error('fatal', err);
  process.exit(1);
});
app.get('/health', (_req, res) => res.send('ok'));
app.listen(3000);
