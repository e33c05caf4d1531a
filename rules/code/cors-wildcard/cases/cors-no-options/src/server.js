const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors());
//      ^^^^^^ anyOrigin
// Preflights answered by the same policy: one policy, one finding.
app.options('*', cors());
app.listen(3000);
