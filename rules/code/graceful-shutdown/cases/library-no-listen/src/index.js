// A library that builds an app for its caller: it never listens, so it is not a server.
const express = require('express');

module.exports = function createApp(routes) {
  const app = express();
  app.use(routes);
  return app;
};
