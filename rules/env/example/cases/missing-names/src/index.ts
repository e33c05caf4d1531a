const { DATABASE_URL, REDIS_URL = 'redis://localhost:6379' } = process.env;
//                    ^^^^^^^^^ undocumented
const port = Number(process.env.PORT ?? 3000);
const secret = process.env['SESSION_SECRET'];
//             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ undocumented
const again = process.env.SESSION_SECRET;
