// The logger comes from a workspace package that wraps pino.
const express = require('express');
const { logger } = require('@acme/logger');
const app = express();
app.get('/health', (_req, res) => res.send('ok'));
app.listen(3000, () => logger.info('listening'));
