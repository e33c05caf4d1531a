const express = require('express');

async function startServer() {
  const app = express();
  app.get('/orders', (req, res) => res.json([]));
  app.listen(process.env.PORT || 3000);
  // expect: missing
}

module.exports = { startServer };
