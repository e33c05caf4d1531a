// Schemas shared between providers, declared once: optional ones need no line in the example.
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

const zAuthMethod = z.enum(['client_secret_basic', 'client_secret_post']).optional().default('client_secret_basic');
const zRequiredUrl = z.url();

export const env = createEnv({
  server: {
    DATABASE_URL: z.string(),
    AUTH_OKTA_CLIENT_AUTH_METHOD: zAuthMethod,
    AUTH_OKTA_ISSUER: zRequiredUrl,
//  ^^^^^^^^^^^^^^^^ undocumented
  },
  runtimeEnv: {
    DATABASE_URL: process.env.DATABASE_URL,
    AUTH_OKTA_CLIENT_AUTH_METHOD: process.env.AUTH_OKTA_CLIENT_AUTH_METHOD,
    AUTH_OKTA_ISSUER: process.env.AUTH_OKTA_ISSUER,
  },
});
