const http = require('node:http');

const app = http.createServer((req, res) => res.end('hello'));
app.listen(process.env.PORT || 3000);

const management = http.createServer((req, res) => res.end('{}'));
management.listen(process.env.OPS_ADMIN_PORT || 9000);
