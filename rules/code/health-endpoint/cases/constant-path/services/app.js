// The paths are a constant object of the module: ENDPOINTS.health is /healthz.
const express = require('express');

const ENDPOINTS = { health: '/healthz', save: '/config-manager/save' };
const app = express();
app.get(ENDPOINTS.health, (req, res) => res.json({ status: 'ok', uptime: process.uptime() }));
app.post(ENDPOINTS.save, (req, res) => res.sendStatus(204));
app.listen(4000);
