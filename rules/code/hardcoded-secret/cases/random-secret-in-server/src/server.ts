// The true twins of the labels: generated values under secret-like names in server code.
import express from 'express';

const signing = { signingSecret: 'Q7vK2mZp9XwL4rTn8bYc3HsD6fJg1NaE' };
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ literal
const webhook = { secretProvisioningToken: 'x9Lk3Vm7Qp2Rt8Wz4Yb6Nc1Hd5Jf0GsA' };
//                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ literal
// A container of defaults is what production runs with when nothing overrides it.
const defaults = Object.freeze({ jwtSecret: 'Zr8Tq3Wn6Lp1Vx9Kb4Mc7Hd2Jf5Gs0Ya' });
//                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ literal
// A fallback that says what it is, for a setting read from a config object.
export const session = (config: { secret?: string }) => ({ secret: config.secret || 'dev-secret-change-me' });
//                                                                                  ^^^^^^^^^^^^^^^^^^^^^^ fallback

const app = express();
app.get('/health', (_req, res) => res.json({ ok: Boolean(signing && webhook && defaults) }));
app.listen(3000);
