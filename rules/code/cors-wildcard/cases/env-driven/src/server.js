// Origins come from configuration: CORS_ORIGINS=https://app.example.com,https://admin.example.com
const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors({ origin: process.env.CORS_ORIGINS.split(',') }));
app.listen(3000);
