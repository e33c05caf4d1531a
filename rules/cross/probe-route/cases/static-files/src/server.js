const path = require('node:path');
const express = require('express');

const app = express();
app.use(express.static(path.join(__dirname, 'public')));
app.get('/api/items', (req, res) => res.json([]));
app.listen(process.env.PORT || 3000);
