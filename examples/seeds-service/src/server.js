import 'dotenv/config';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const sessionSecret = process.env.FORTISTATE_SESSION_SECRET;
const constraintTimeout = Number(process.env.FORTISTATE_CONSTRAINT_TIMEOUT ?? 5000);
const maxHistorySize = Number(process.env.FORTISTATE_MAX_HISTORY_SIZE ?? 10000);

const state = new Map();
const history = [];

function sign(value) {
  return createHmac('sha256', sessionSecret).update(value).digest('hex');
}

function record(event) {
  history.push({ ...event, at: Date.now() });
  if (history.length > maxHistorySize) history.shift();
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    setTimeout(() => reject(new Error('constraint check timed out')), constraintTimeout);
  });
}

const server = createServer(async (req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'healthy', keys: state.size, uptime: process.uptime() }));
    return;
  }

  const match = /^\/api\/state\/([\w-]+)$/.exec(req.url ?? '');
  if (match && req.method === 'GET') {
    const key = match[1];
    if (!state.has(key)) {
      res.writeHead(404);
      res.end('Not Found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-State-Signature': sign(key) });
    res.end(JSON.stringify(state.get(key)));
    return;
  }
  if (match && req.method === 'PUT') {
    const key = match[1];
    const value = JSON.parse(await readBody(req));
    state.set(key, value);
    record({ type: 'set', key });
    res.writeHead(204);
    res.end();
    return;
  }

  res.writeHead(404);
  res.end('Not Found');
});

server.listen(port, () => {
  console.log(`fortistate-api listening on port ${port}`);
});

process.on('SIGTERM', () => {
  console.log('Received SIGTERM, starting graceful shutdown...');
  server.close(() => {
    console.log('Shutdown complete');
    process.exit(0);
  });
});
