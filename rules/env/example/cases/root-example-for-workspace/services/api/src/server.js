// Documented in the package's example and in the root's: both are read by whoever deploys it.
const express = require('express');
const app = express();
app.locals.db = process.env.ORDERS_DB_URL;
app.locals.url = process.env.API_PUBLIC_URL;
app.locals.queue = process.env.ORDERS_QUEUE_URL;
//                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ undocumented
app.listen(3000);
