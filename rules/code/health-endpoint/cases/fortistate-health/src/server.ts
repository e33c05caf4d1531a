// The fortistate guide's health check.
import express from 'express';
import { universe } from './universe';

const app = express();

app.get('/health', (req, res) => {
  const state = universe.getState();
  if (state !== 'running') {
    return res.status(503).json({ status: 'unhealthy', reason: `Universe state: ${state}` });
  }
  res.json({ status: 'healthy', storeCount: universe.getStoreKeys().length });
});

app.listen(3000);
