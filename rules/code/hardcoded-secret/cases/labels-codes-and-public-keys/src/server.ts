// Names that mention secrets, holding labels, codes, identifiers and keys public by design: none is a secret.
import express from 'express';
import { messages } from './messages.ts';

export const INVALID_REFRESH_TOKEN = 'auth/invalid_refresh_token';
export const TOKEN_STORAGE_KEY = 'app.auth.token';
export const EMAIL_CHANGE_TOKEN_PURPOSE = 'email_change';
export enum TokenKind {
  AccessToken = 'access_token',
  RefreshToken = 'refresh_token',
}
const theme = { token: '--color-success', usedBy: 'Completed runs' };
const secretProvisioning = 'integrator';
const tokenizer = 'cl100k_base';
const stripe = { publishableKey: 'pk_live_51Hx9ZQKb2vT8mNpRs4Lw7Yd', NEXT_PUBLIC_POSTHOG_KEY: 'phc_8bX2kLm9QrT4vWz7YpN3sJd6' };
const passwordResetTemplate = 'password-reset';

const app = express();
app.get('/health', (_req, res) => {
  void fetch('/api/me', { credentials: 'include' });
  res.json({ ok: true, theme, secretProvisioning, tokenizer, stripe, passwordResetTemplate, messages });
});
app.listen(3000);
