// No listen: a library of handlers, not a running server.
const express = require('express');

module.exports.router = express.Router().get('/items', (req, res) => res.json([]));
