// express-actuator answers GET /health (with /info and /metrics) for the whole app.
const express = require('express');
const actuator = require('express-actuator');

const app = express();
app.use(actuator());
app.post('/sync', (req, res) => res.json({ ok: true }));
app.listen(process.env.PORT || 5006);
