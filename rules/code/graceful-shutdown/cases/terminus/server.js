import http from 'node:http';
import express from 'express';
import { createTerminus } from '@godaddy/terminus';

const app = express();
const server = http.createServer(app);

createTerminus(server, {
  signals: ['SIGTERM', 'SIGINT'],
  healthChecks: { '/healthz': async () => 'ok' },
  onSignal: async () => db.close(),
  timeout: 10_000,
});

server.listen(3000);
