import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { createApp } from '../src/app.js';

let server;
let base;
let ready = true;

before(async () => {
  const app = createApp({ logger: pino({ level: 'silent' }), isReady: () => ready, adminToken: 'test-admin-token' });
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

test('liveness answers 200', async () => {
  assert.equal((await fetch(`${base}/healthz`)).status, 200);
});

test('readiness follows the process state', async () => {
  assert.equal((await fetch(`${base}/readyz`)).status, 200);
  ready = false;
  assert.equal((await fetch(`${base}/readyz`)).status, 503);
  ready = true;
});

test('deleting a product needs the admin token', async () => {
  assert.equal((await fetch(`${base}/products/p-100`, { method: 'DELETE' })).status, 401);
});
