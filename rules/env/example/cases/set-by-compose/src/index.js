// The compose file that deploys the service names every variable it needs: that is its documentation.
const express = require('express');
const { createClient } = require('redis');

const redis = createClient({ url: process.env.REDIS_URL });
const app = express();
app.get('/', async (req, res) => res.send(await redis.get('greeting')));
app.listen(3000);
