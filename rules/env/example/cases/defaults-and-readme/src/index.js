// No env example: every variable either has a default of its own or is named in the README's table.
const express = require('express');

const port = process.env.PORT || 8080;
const host = process.env.HOST || '0.0.0.0';
const dataDir = process.env.DATA_DIR || '/data';
const sentry = Boolean(process.env.SENTRY_DSN);
const adminEmail = process.env.ADMIN_EMAIL;
const apiUrl = process.env.PUBLIC_URL || 'http://0.0.0.0:8080';
//             ^^^^^^^^^^^^^^^^^^^^^^ noExample

const app = express();
app.get('/', (req, res) => res.send({ sentry, adminEmail, dataDir, apiUrl }));
app.listen(port, host);
