// A prefix that covers every route the service answers is the whole API again.
const express = require('express');
const cors = require('cors');

const app = express();
app.use('/api', cors());
//              ^^^^^^ anyOrigin
app.get('/api/users', (_req, res) => res.json([]));
app.post('/api/session', (_req, res) => res.sendStatus(204));
app.listen(3000);
