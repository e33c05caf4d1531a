// JSON on the console, but no level: not a record a log platform can filter.
const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000, () => console.log(JSON.stringify({ event: 'listening', port: 3000 })));
