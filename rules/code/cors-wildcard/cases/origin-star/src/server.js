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
// Reflecting origins with credentials is code/cors-credentials' finding; on a public path it is no global policy.
app.use('/public', cors({ origin: true, credentials: true }));
app.listen(3000);
