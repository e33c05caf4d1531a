// `GET /` renders the home page from the database: no cheap check that the process serves.
const express = require('express');
const { posts } = require('./db');

const app = express();
app.get('/', async (req, res) => res.render('index', { posts: await posts.latest() }));
app.listen(3000);
// expect: missing
