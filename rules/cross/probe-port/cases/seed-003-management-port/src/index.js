const express = require('express');

// The module API and the management endpoints listen on separate ports.
const api = express();
api.get('/modules/:name', (req, res) => res.json({ name: req.params.name }));
api.listen(process.env.PORT || 3000);

const management = express();
management.get('/health', (req, res) => res.json({ status: 'ok' }));
management.get('/metrics', (req, res) => res.json({}));
management.listen(Number(process.env.SOMON_MANAGEMENT_PORT) || 8080);
