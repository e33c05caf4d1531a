const express = require('express');
const cors = require('cors');

const app = express();
app.use(
  cors({
    origin: '*',
//  ^^^^^^^^^^^ anyOrigin
    methods: ['GET', 'POST'],
  }),
);
app.use('/public', cors({ origin: true, credentials: true }));
//                        ^^^^^^^^^^^^ anyOrigin
app.listen(3000);
