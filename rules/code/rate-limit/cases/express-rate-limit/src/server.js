const express = require('express');
const rateLimit = require('express-rate-limit');

const app = express();
app.use('/login', rateLimit({ windowMs: 15 * 60 * 1000, limit: 20 }));
app.listen(3000);
