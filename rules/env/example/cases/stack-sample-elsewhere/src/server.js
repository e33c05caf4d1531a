// No example of the app's own: the stack's sample beside its compose file does not stand in for one, so the
// finding is that no example documents the app, once, not that the stack's sample misses each variable.
const express = require('express');

const app = express();
const favicon = process.env.FAVICON_URL;
//              ^^^^^^^^^^^^^^^^^^^^^^^ noExample
const links = process.env.LINKS_URL;
app.get('/config', (req, res) => res.json({ favicon, links, db: process.env.DATABASE_URL }));
app.listen(3000);
