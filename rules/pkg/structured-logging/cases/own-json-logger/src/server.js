const express = require('express');
const log = require('./log');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000, () => log.info('listening', { port: 3000 }));
