import { describe, expect, it } from 'vitest';
import { isLiteralValue, isSecretLikeKey, redactedWords } from '../src/model/secrets.ts';
import { enablesDevTools } from '../src/model/settings.ts';

describe('isSecretLikeKey', () => {
  it.each(['SESSION_SECRET', 'DB_PASSWORD', 'GITHUB_TOKEN', 'STRIPE_API_KEY', 'APIKEY', 'SSH_PRIVATE_KEY', 'AWS_ACCESS_KEY_ID', 'sessionSecret', 'adminToken', 'auth.jwtSecret'])(
    '%s names a secret',
    (key) => expect(isSecretLikeKey(key)).toBe(true),
  );
  it.each(['JWT_SECRET_FILE', 'TOKEN_TTL', 'SECRET_LENGTH', 'AUTH_TOKEN_HEADER', 'SECRET_NAME', 'TOKEN_TIMEOUT', 'ACCESS_TOKEN_EXPIRES_IN', 'JWT_SECRET_ALGORITHM', 'API_KEY_ENABLED', 'LOG_LEVEL', 'PORT'])(
    '%s does not',
    (key) => expect(isSecretLikeKey(key)).toBe(false),
  );
});

describe('isLiteralValue', () => {
  it('references and empty values are not literals', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose-style reference, not a template
    expect(isLiteralValue('${SESSION_SECRET}')).toBe(false);
    expect(isLiteralValue('$SESSION_SECRET')).toBe(false);
    expect(isLiteralValue('')).toBe(false);
    expect(isLiteralValue(null)).toBe(false);
    expect(isLiteralValue('s3cr3t-value')).toBe(true);
  });
});

describe('enablesDevTools', () => {
  it('an inspector, devtools or debug-mode switch with a truthy value turns it on', () => {
    expect(enablesDevTools('FORTISTATE_ENABLE_INSPECTOR', 'true')).toBe(true);
    expect(enablesDevTools('ENABLE_DEBUG', '1')).toBe(true);
    expect(enablesDevTools('APP_DEBUG_MODE', 'on')).toBe(true);
    expect(enablesDevTools('inspector.enabled', 'true')).toBe(true);
  });
  it('a falsy value, a port or an inverted switch does not', () => {
    expect(enablesDevTools('FORTISTATE_ENABLE_INSPECTOR', 'false')).toBe(false);
    expect(enablesDevTools('INSPECTOR_PORT', '9229')).toBe(false);
    expect(enablesDevTools('REACT_DEVTOOLS_DISABLED', 'true')).toBe(false);
    expect(enablesDevTools('DISABLE_INSPECTOR', '1')).toBe(false);
  });
  it('an inverted switch set to false turns it on', () => {
    expect(enablesDevTools('DISABLE_INSPECTOR', 'false')).toBe(true);
  });
});

describe('commands quoted in messages', () => {
  it('lose the values of secret-like flags and assignments, and keep the rest', () => {
    expect(redactedWords(['node', 'app.js', '--api-key=sk_live_4f9a2c81b7', '--token', 'tok_abc123', '--port', '3000', 'DB_PASSWORD=hunter22', 'LOG_LEVEL=info'])).toEqual([
      'node',
      'app.js',
      '--api-key=…',
      '--token',
      '…',
      '--port',
      '3000',
      'DB_PASSWORD=…',
      'LOG_LEVEL=info',
    ]);
  });
});
