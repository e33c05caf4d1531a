// The health route computes its reply, but from the process alone: it never fails, whatever the database does.
const express = require('express');

const app = express();
app.get('/health', (req, res) => res.json({ status: 'ok', uptime: process.uptime(), memory: process.memoryUsage().rss }));
app.listen(process.env.PORT || 3000);
// expect: missing
