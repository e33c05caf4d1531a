// A readiness route under /health, registered by a koa-router with a prefix: /health/ready.
import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router({ prefix: '/health' });
router.get('/live', (ctx) => { ctx.body = 'ok'; });
router.get('/ready', async (ctx) => { ctx.status = (await db.ping()) ? 200 : 503; });
app.use(router.routes());
app.listen(3000);
