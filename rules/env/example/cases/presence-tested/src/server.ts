// A variable whose absence the code tests turns a feature off: it needs no line. One used untested is required.
import express from 'express';
import { isEmpty } from 'lodash';
import { connectMail, connectDb, parseEnvInt, stringToBoolean } from './clients';

const DEFAULT_WINDOW_HOURS = 72;

export function blocked(ip: string): boolean {
  const ignored = process.env.IGNORE_IP;
  if (ignored) return ignored.split(',').includes(ip);
  return false;
}

export function clientIp(headers: Headers): string | null {
  const header = process.env.CLIENT_IP_HEADER;
  if (header && headers.get(header)) return headers.get(header);
  return null;
}

const kafkaEnabled = Boolean(process.env.KAFKA_URL && process.env.KAFKA_BROKER);
export const storeConfigured = () => Boolean(process.env.STORE_ISSUER_ID && process.env.STORE_KEY_ID && process.env.STORE_PRIVATE_KEY);
export const multiOrg = stringToBoolean(process.env.IS_MULTI_ORG);
export const jobTimeoutMs = parseEnvInt(process.env.JOB_TIMEOUT_MS, 2 * 60 * 60 * 1000, { min: 1 });
export const windowHours = parseEnvInt(process.env.WINDOW_HOURS, DEFAULT_WINDOW_HOURS);
export const hostId = process.env.ECS_CONTAINER_METADATA_URI;
export const allowedIps = process.env.ALLOWED_IPS?.split(',') ?? [];
export const cloudIps = process.env.CLOUD_IPS?.split(',');
const override = process.env.DB_OVERRIDE_URL;
export const db = connectDb(!isEmpty(override) ? override : process.env.DATABASE_URL);

const mailHost = process.env.MAIL_HOST;
//               ^^^^^^^^^^^^^^^^^^^^^ undocumented
connectMail(mailHost, { secure: true });
const payments = kafkaEnabled && process.env.PAYMENTS_QUEUE;
//                               ^^^^^^^^^^^^^^^^^^^^^^^^^^ undocumented
const app = express();
app.get('/health', (_req, res) => res.json({ ok: true, payments }));
app.listen(3000);
