const express = require('express');
const health = require('./health');

const app = express();
app.use('/api', health);
app.listen(process.env.PORT || 3000);
