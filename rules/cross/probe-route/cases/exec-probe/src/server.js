const express = require('express');

const app = express();
app.get('/healthz', (req, res) => res.send('ok'));
app.get('/users/:id', (req, res) => res.json({ id: req.params.id }));
app.listen(process.env.PORT || 3000);
