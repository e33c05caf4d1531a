// A queue consumer: its HTTP server answers the platform's probes and nothing else.
import express from 'express';
import { Worker } from 'bullmq';

const worker = new Worker('jobs', async (job) => job.data, { connection: { host: 'redis' } });
const app = express();
app.get('/health', (_req, res) => res.json({ ok: worker.isRunning() }));
app.get('/ready', (_req, res) => res.sendStatus(worker.isRunning() ? 200 : 503));
app.listen(3030);
