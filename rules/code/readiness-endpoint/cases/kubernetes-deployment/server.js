// Deployed to Kubernetes, where readiness decides which pods the Service sends traffic to.
const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
// expect: missing
