const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors());
//      ^^^^^^ anyOrigin
// Preflights answered by the same policy: one policy, one finding.
app.options('*', cors());
// The same default on another mount is another policy.
app.use('/scim/v2', cors());
//                  ^^^^^^ anyOrigin
app.listen(3000);
