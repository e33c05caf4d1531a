const http = require('node:http');
const express = require('express');
const { createTerminus } = require('@godaddy/terminus');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
const server = http.createServer(app);
createTerminus(server, { signals: ['SIGTERM'], timeout: 15000, healthChecks: { '/healthz': async () => 'ok' } });
server.listen(process.env.PORT || 3000);
