// The health route computes its reply, but from the process alone (a file read is no dependency): it never fails,
// whatever the database does.
const express = require('express');
const fs = require('node:fs/promises');

const app = express();
app.get('/health', async (req, res) => {
  const { version } = JSON.parse(await fs.readFile('package.json', 'utf8'));
  res.json({ status: 'ok', version, uptime: process.uptime() });
});
app.listen(process.env.PORT || 3000);
// expect: missing
