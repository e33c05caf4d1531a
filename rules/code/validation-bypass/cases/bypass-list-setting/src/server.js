// A list of addresses the rate limiter exempts (an allow-list), read as a value: not a switch that turns a check off.
const Fastify = require('fastify');

const security = {
  rateLimit: {
    max: Number(process.env.SECURITY_RATE_LIMIT_MAX ?? 100),
    bypass: process.env.SECURITY_RATE_LIMIT_BYPASS?.split(',') ?? [],
  },
};
const app = Fastify();
app.register(require('@fastify/rate-limit'), { max: security.rateLimit.max, allowList: security.rateLimit.bypass });
app.listen({ port: 3000 });
// A switch parsed as a boolean is still a switch.
const parseBoolean = (v) => v === 'true';
app.addHook('onRequest', async (req) => {
  if (parseBoolean(process.env.SECURITY_SKIP_AUTH)) return;
//                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ bypass
  await req.jwtVerify();
});
