const express = require('express');

const app = express();
app.listen(3000);

process.on('uncaughtException', () => {});
// expect: swallowed
process.on('unhandledRejection', (reason) => {
  console.error('unhandled rejection', reason);
  process.exit(1);
});
