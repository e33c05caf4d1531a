const express = require('express');

const app = express();
app.listen(3000);

process.on('uncaughtException', (error) => console.error('uncaught', error));
// expect: keepsRunning
process.on('unhandledRejection', (reason) => {
  throw reason;
});
