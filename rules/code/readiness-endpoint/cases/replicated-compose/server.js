// Three replicas behind the swarm's routing mesh: one that is not ready still gets traffic.
const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
// expect: missing
