// `GET /` answers a constant: a probe or an uptime monitor can tell the process serves.
const express = require('express');

const app = express();
app.get('/', (req, res) => res.send('App is running!'));
app.post('/posts', (req, res) => res.status(201).json(req.body));
app.listen(3000);
