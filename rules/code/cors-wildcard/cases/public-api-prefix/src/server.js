// CORS opened on the public, token-authenticated API only; the app's own pages and session routes stay closed.
const express = require('express');
const cors = require('cors');

const app = express();
app.use('/api/v1/*', cors());
app.get('/api/v1/documents', (_req, res) => res.json([]));
app.get('/dashboard', (_req, res) => res.send('<html></html>'));
app.post('/auth/session', (_req, res) => res.sendStatus(204));
app.listen(3000);

