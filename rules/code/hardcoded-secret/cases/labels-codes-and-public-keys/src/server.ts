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
// A form's placeholder: a certificate's body under a private key's header is public material, not a key.
export const privateKeyPlaceholder = '-----BEGIN PRIVATE KEY-----\nMIIFRDCCAyygAwIBAgKefJykt/C26YGxXOHWpgTYavXiinpbBgCNTY3cVBqrBMnfMI0Z6NA/I+SouiC9TbbqhkDz+zHkFn4ZYI+lK/2AVg4T0Hcz8GPeKGEBBxWNSsUmQPOkqhlpTVoPeWNaWkFXNB7Cz192vZvi+7vKfQ==\n-----END PRIVATE KEY-----';

const app = express();
app.get('/health', (_req, res) => {
  void fetch('/api/me', { credentials: 'include' });
  res.json({ ok: true, theme, secretProvisioning, tokenizer, stripe, passwordResetTemplate, messages });
});
app.listen(3000);
