// The true twins of the labels: generated values under secret-like names in server code.
import express from 'express';

const signing = { signingSecret: 'Q7vK2mZp9XwL4rTn8bYc3HsD6fJg1NaE' };
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ literal
const webhook = { secretProvisioningToken: 'x9Lk3Vm7Qp2Rt8Wz4Yb6Nc1Hd5Jf0GsA' };
//                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ literal

const app = express();
app.get('/health', (_req, res) => res.json({ ok: Boolean(signing && webhook) }));
app.listen(3000);
