const express = require('express');
const config = require('./config');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(config.http.port);
