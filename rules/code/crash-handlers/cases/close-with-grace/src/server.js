// close-with-grace handles uncaughtException and unhandledRejection (and signals) itself.
const express = require('express');
const closeWithGrace = require('close-with-grace');

const app = express();
const server = app.listen(3000);
closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) console.error(err);
  await new Promise((resolve) => server.close(resolve));
});
