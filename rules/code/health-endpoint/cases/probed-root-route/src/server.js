// The image's HEALTHCHECK requests GET /: that route is the health endpoint, whatever its path.
const express = require('express');
const app = express();
app.get('/', (_req, res) => res.send('up and running'));
app.listen(3000);
