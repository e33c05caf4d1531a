// Literals under secret names that are not secrets: values to refuse, markers, and words for "absent".
import express from 'express';

// Values earlier releases shipped as defaults: the server refuses to start with one of them.
const WEAK_DEFAULTS: Record<string, string> = {
  SESSION_SECRET: 'AABBCCDDAABBCCDDAABBCCDDAABBCCDD',
  TOKEN_HASH_SECRET: 'popcorn-kernel',
};
// What the API returns in place of a stored credential.
export const REDACTED_CREDENTIAL_VALUE = '_APP_BLANK_2f1c0b7e-88a4-4c11-9d0e-5b9f3e7a1c42';
// A client built without its key until the variable is set: zeros are no key.
export const neynar = { apiKey: process.env.NEYNAR_SECRET_KEY || '00000000-000-0000-000-000000000000' };
// A schema's type names, a sentinel stored in place of a checksum, and the name of the variable that holds a secret.
export const ApiKeyShape = { name: 'string', apiKey: 'string' };
export const DELETED_TOKEN = '*DELETED*';
export const oauth = { envVarClientSecret: 'OAUTH2_GOOGLE_CLIENT_SECRET' };
const anonymous = { tokenName: 'unknown', secret: 'unknown' };
const pendingWarehouse = { url: 'https://warehouse.invalid', username: 'pending_provisioning', password: 'pending_provisioning' };
// Fallbacks of values that are not read from the environment: an identity label and a placeholder.
export function audit(ctx: { apiKey?: string }, clientSecret?: string) {
  return { apiKey: ctx.apiKey ?? 'internal-agent', clientSecret: clientSecret || 'your_auth0_client_secret' };
}

// A sentinel sent when the variable is unset: the receiving service compares it with its own key, so it never authenticates.
export const jobsHeaders = () => ({ 'X-API-Key': process.env.API_KEY || 'NO-DEFINED', 'X-Worker-Token': process.env.WORKER_TOKEN ?? 'not_configured' });

// Keyless local model servers: the client needs some key, and these dummies open nothing.
export const localModels = { ollama: { baseURL: 'http://127.0.0.1:11434/v1', apiKey: 'ollama' }, localAi: { apiKey: process.env.LOCAL_AI_API_KEY ?? 'not-used' } };

const app = express();
app.get('/health', (_req, res) => res.json({ ok: true, anonymous, pendingWarehouse }));
for (const [name, weak] of Object.entries(WEAK_DEFAULTS)) if (process.env[name] === weak) throw new Error(`${name} is a published default`);
app.listen(3000);
