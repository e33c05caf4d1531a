const express = require('express');

const app = express();
app.get('/health', (_req, res) => res.json({ status: 'OK' }));
app.listen(3000);
