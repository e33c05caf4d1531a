// Tuning knobs with defaults need no line in the example; a required variable and a localhost default do.
import express from 'express';
import { z } from 'zod';
import { parseEnvInt } from './util';

const env = z
  .object({
    DATABASE_URL: z.string(),
    QUEUE_CONCURRENCY: z.coerce.number().default(10),
    LOCK_BACKOFF_MULTIPLIER: z.coerce.number().default(2),
    FEATURE_X_ENABLED: z.string().optional(),
    AGENT_PROVIDER: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['anthropic', 'bedrock']).default('anthropic')),
    REGION_CODE: z.preprocess((v) => String(v).trim(), z.string()),
//  ^^^^^^^^^^^ undocumented
    S3_BUCKET: z.string(),
//  ^^^^^^^^^ undocumented
  })
  .parse(process.env);
const timeoutMs = Number(process.env.REQUEST_TIMEOUT_MS ?? 30000);
const audit = process.env.AUDIT_WEBHOOK_URL;
const retries = parseEnvInt(process.env.WEBHOOK_RETRIES, 3);
const region = process.env.AWS_REGION;
const build = process.env.BUILD_SHA;
const cacheUrl = process.env.CACHE_URL || 'redis://localhost:6379';
//               ^^^^^^^^^^^^^^^^^^^^^ undocumented

const app = express();
app.get('/health', (_req, res) => res.json({ ok: true, env, timeoutMs, cacheUrl, audit, retries, region, build }));
app.listen(3000);
