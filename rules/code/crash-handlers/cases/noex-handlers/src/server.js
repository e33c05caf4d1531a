// The noex guide: an uncaught exception shuts down; an unhandled rejection is logged.
const express = require('express');
const logger = require('./logger');

const app = express();
const server = app.listen(3000);

function shutdown(reason) {
  logger.info({ reason }, 'shutting down');
  server.close(() => process.exit(1));
}

process.on('uncaughtException', (error) => {
  logger.error({ err: error }, 'Uncaught exception');
  shutdown('uncaughtException');
});

process.on('unhandledRejection', (reason) => {
  logger.error({ reason }, 'Unhandled rejection');
});
