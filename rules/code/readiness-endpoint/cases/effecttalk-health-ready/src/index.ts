// The EffectTalk guide's endpoints: GET /health/live and GET /health/ready.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const health = new Hono();
health.get('/live', (c) => c.json({ status: 'healthy', timestamp: Date.now() }));
health.get('/ready', (c) => c.json({ status: 'ready' }));

const app = new Hono();
app.route('/health', health);
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });
