// The health route lives in a router mounted from another file: /api/healthz.
import express from 'express';
import { healthRouter } from './routes/health.js';

const app = express();
app.use('/api', healthRouter);
app.listen(8080);
