// One instance, run by compose: there is no other instance to send traffic to while this one is not ready.
const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));
app.listen(process.env.PORT || 3000);
