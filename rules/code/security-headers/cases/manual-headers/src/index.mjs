// Headers set by hand on a bare node:http server count.
import { createServer } from 'node:http';

createServer((req, res) => {
  res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end('ok');
}).listen(8080);
