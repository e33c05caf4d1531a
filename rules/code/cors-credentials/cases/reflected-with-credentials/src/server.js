// Every way of admitting any site, with the visitor's cookies.
const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors({ origin: true, credentials: true }));
//             ^^^^^^^^^^^^ credentialsAnyOrigin
app.use('/v2', cors({ origin: (origin, callback) => callback(null, origin), credentials: true }));
//                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ credentialsAnyOrigin
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
//                                             ^^^^^^^^^^^^^^^^^^ credentialsAnyOrigin
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});
app.listen(3000);
