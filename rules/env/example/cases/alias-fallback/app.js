// Trimmed from sahat/hackathon-starter app.js: MONGOLAB_URI is the legacy name read only when MONGODB_URI is unset.
const express = require('express');
const mongoose = require('mongoose');

const app = express();
mongoose.connect(process.env.MONGODB_URI || process.env.MONGOLAB_URI);
app.set('port', process.env.PORT || process.env.OPENSHIFT_NODEJS_PORT || 8080);
app.set('smtp', process.env.SMTP_HOST);
//              ^^^^^^^^^^^^^^^^^^^^^ undocumented
app.use(require('express-session')({ secret: process.env.SESSION_SECRET }));
app.listen(app.get('port'));
