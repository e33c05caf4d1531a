import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';

const products = new Map([
  ['p-100', { id: 'p-100', name: 'Espresso cup', priceCents: 1200 }],
  ['p-200', { id: 'p-200', name: 'Pour-over kettle', priceCents: 4900 }],
]);

function sameToken(given, expected) {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The HTTP application. `isReady()` says whether the process takes traffic: false while it starts
 * and once it is shutting down, so the load balancer drains it before the server closes.
 */
export function createApp({ logger, isReady, adminToken }) {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(rateLimit({ windowMs: 60_000, limit: 300, standardHeaders: 'draft-8', legacyHeaders: false }));
  app.use(express.json({ limit: '100kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', (_req, res) => {
    if (isReady()) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'not ready' });
  });

  app.get('/products', (_req, res) => {
    res.json([...products.values()]);
  });

  app.get('/products/:id', (req, res) => {
    const product = products.get(req.params.id);
    if (product) res.json(product);
    else res.status(404).json({ error: 'no such product' });
  });

  app.delete('/products/:id', (req, res) => {
    if (!adminToken || !sameToken(req.get('authorization')?.replace(/^Bearer /, ''), adminToken)) {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    products.delete(req.params.id);
    res.status(204).end();
  });

  app.use((err, req, res, _next) => {
    logger.error({ err, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}
