const express = require('express');

const app = express();
app.get('/api/items', (req, res) => res.json([]));
app.get('*', (req, res) => res.sendFile('index.html', { root: 'public' }));
app.listen(process.env.PORT || 3000);
