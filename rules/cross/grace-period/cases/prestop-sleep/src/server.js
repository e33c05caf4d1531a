const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
const server = app.listen(process.env.PORT || 3000);

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 25000).unref();
});
