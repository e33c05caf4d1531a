const express = require('express');
const cors = require('cors');

const ALLOWED = new Set(['https://app.example.com', 'https://admin.example.com']);

const app = express();
app.use(cors({ origin: ['https://app.example.com', 'https://admin.example.com'], credentials: true }));
app.use('/widgets', cors({ origin: (origin, callback) => callback(null, !origin || ALLOWED.has(origin)) }));
app.listen(3000);
