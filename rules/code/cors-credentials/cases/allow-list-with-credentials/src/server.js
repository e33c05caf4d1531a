// Credentials for listed origins, a callback that checks the list, an open policy without credentials, a literal
// '*' with credentials (the cors package sends `*`, under which browsers expose no credentialed response), and a
// development-only reflection: none lets any site act as the user in production.
const express = require('express');
const cors = require('cors');

const ALLOWED = new Set(['https://app.example.com']);
const app = express();
app.use(cors({ origin: ['https://app.example.com'], credentials: true }));
app.use('/v2', cors({ origin: (origin, callback) => callback(null, ALLOWED.has(origin)), credentials: true }));
app.use('/public', cors({ origin: '*' }));
app.use('/embed', cors({ origin: '*', credentials: true }));
if (process.env.NODE_ENV === 'development') app.use(cors({ origin: true, credentials: true }));
app.listen(3000);
