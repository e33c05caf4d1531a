// The noex guide's health server: /health and /ready on node:http.
import { createServer } from 'http';
import { Observer, Registry } from 'noex';

export function startHealthServer(port: number) {
  const server = createServer((req, res) => {
    if (req.url === '/health') {
      const alerts = Observer.getActiveAlerts();
      res.writeHead(alerts.length === 0 ? 200 : 503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: alerts.length === 0 ? 'healthy' : 'unhealthy' }));
    } else if (req.url === '/ready') {
      const required = ['config', 'database', 'cache'];
      const allReady = required.every((s) => Registry.getNames().includes(s));
      res.writeHead(allReady ? 200 : 503);
      res.end(allReady ? 'OK' : 'NOT READY');
    } else {
      res.writeHead(404);
      res.end('Not Found');
    }
  });
  server.listen(port);
  return server;
}
