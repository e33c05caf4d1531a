// Signals registered in a loop over a list: SIGTERM is among them.
const express = require('express');

const app = express();
const server = app.listen(3000);

['SIGINT', 'SIGTERM'].forEach((signal) => {
  process.once(signal, () => server.close(() => process.exit(0)));
});
