// The only health route queries the database and the cache: when either is down the request fails (500), so a
// load balancer takes the instance out of rotation. It is a readiness check; whether liveness shares it is the
// probes' question (k8s/distinct-probes), not this rule's.
const Koa = require('koa');
const Router = require('@koa/router');
const { sequelize, redis } = require('./storage');

const router = new Router();
router.get('/_health', async (ctx) => {
  try {
    await sequelize.query('SELECT 1');
  } catch (err) {
    ctx.status = 500;
    return;
  }
  await redis.ping();
  ctx.body = 'OK';
});

const app = new Koa();
app.use(router.routes());
app.listen(process.env.PORT || 3000);
