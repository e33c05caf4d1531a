// The service's work is a browser behind a WebSocket; the HTTP server only answers probes.
import http from 'node:http';
import { chromium } from 'playwright';

const browser = await chromium.launchServer({ port: 3001 });
const healthServer = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', ws: browser.wsEndpoint() }));
    return;
  }
  res.writeHead(200);
  res.end('browser service');
});
healthServer.listen(Number(process.env.HEALTH_PORT ?? 3002));
