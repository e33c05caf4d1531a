import { createServer } from 'node:http';

createServer((req, res) => {
  switch (new URL(req.url, 'http://localhost').pathname) {
    case '/livez':
      res.end('ok');
      break;
    default:
      res.statusCode = 404;
      res.end();
  }
}).listen(9000);
