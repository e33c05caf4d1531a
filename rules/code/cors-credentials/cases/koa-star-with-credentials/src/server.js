// @koa/cors answers with the request's Origin when credentials are allowed and the origin is '*', and when no
// origin is set at all: both admit every site with the visitor's cookies.
const Koa = require('koa');
const cors = require('@koa/cors');

const app = new Koa();
app.use(cors({ origin: '*', credentials: true }));
//             ^^^^^^^^^^^ credentialsAnyOrigin
app.use(cors({ credentials: true }));
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^ credentialsAnyOrigin
app.use(cors({ origin: '*' }));
app.listen(3000);
