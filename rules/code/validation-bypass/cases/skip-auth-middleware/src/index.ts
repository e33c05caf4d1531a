import express from 'express';
import { authenticate } from './auth';

const skipAuth = process.env.SKIP_AUTH === 'true';
//               ^^^^^^^^^^^^^^^^^^^^^ bypass

export const app = express();
if (!skipAuth) {
  app.use(authenticate);
}
