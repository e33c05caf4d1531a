/** What counts as a secret-like key and a literal value (RULES.md "Secret-like key"). */

const SECRET_PARTS = ['SECRET', 'PASSWORD', 'PASSWD', 'TOKEN', 'API_KEY', 'APIKEY', 'PRIVATE_KEY', 'CREDENTIAL', 'ACCESS_KEY', 'ACCOUNT_KEY', 'KEY_CONTENT'];
const NOT_SECRET_SUFFIXES = ['_FILE', '_PATH', '_LENGTH', '_TTL', '_TIMEOUT', '_HEADER', '_NAME'];
/**
 * Beyond RULES.md's list: settings about a secret that are not the secret (`JWT_SECRET_ALGORITHM=HS256`,
 * `ACCESS_TOKEN_EXPIRES_IN=1h`, `API_KEY_ENABLED=true`, `API_KEY_PREFIX=sk_`), which would otherwise read as short literal secrets.
 */
const SETTING_ABOUT_A_SECRET = [
  '_PREFIX', '_EXPIRES_IN', '_EXPIRY', '_EXPIRES', '_EXPIRATION', '_ALGORITHM', '_ALG', '_ISSUER', '_AUDIENCE', '_ENABLED', '_DISABLED', '_REQUIRED', '_ROTATION_DAYS',
  '_URL', '_URI', '_HOST', '_PORT', '_ENDPOINT', '_REGION', '_ROLE', '_TEMPLATE', '_TEMPLATEID', '_TEMPLATE_ID', '_ALPHABET', '_CHARS', '_CHARSET', '_REALM', '_PERIOD',
  '_INTERVAL', '_VERSION', '_TYPE', '_SCOPE', '_SCOPES', '_COUNT', '_LIMIT', '_POLICY', '_MODE', '_STRATEGY', '_PROVIDER', '_LABEL',
];

/**
 * True for keys that name a secret: containing SECRET, PASSWORD, TOKEN, … but not ending in _FILE, _PATH,
 * _LENGTH, _TTL, _TIMEOUT, _HEADER or _NAME. Works for env names and camelCase properties
 * (`sessionSecret`, `adminToken`) alike, and for dotted config paths (the last segment decides).
 */
export function isSecretLikeKey(key: string): boolean {
  const last = key.split('.').pop() ?? key;
  const upper = last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]/g, '_').toUpperCase();
  if (NOT_SECRET_SUFFIXES.some((s) => upper.endsWith(s)) || SETTING_ABOUT_A_SECRET.some((s) => upper.endsWith(s))) return false;
  return SECRET_PARTS.some((p) => upper.includes(p));
}

/**
 * A command line's words with the values of secret-like flags and assignments replaced by `…`
 * (`--api-key=…`, `--token …`, `DB_PASSWORD=…`), for messages that quote a command.
 */
export function redactedWords(words: readonly string[]): string[] {
  const out: string[] = [];
  let hideNext = false;
  for (const word of words) {
    if (hideNext) {
      out.push('…');
      hideNext = false;
      continue;
    }
    const m = /^(-{0,2}[A-Za-z_][\w.-]*)=(.+)$/s.exec(word);
    if (m && isSecretLikeKey((m[1] as string).replace(/^-+/, ''))) out.push(`${m[1]}=…`);
    else {
      if (/^--?[A-Za-z][\w-]*$/.test(word) && isSecretLikeKey(word.replace(/^-+/, ''))) hideNext = true;
      out.push(word);
    }
  }
  return out;
}

/** A value that is a reference to elsewhere (`${VAR}`, `$VAR`), not a literal. */
export function isReference(value: string): boolean {
  return /^\s*\$(?:\{[^}]+\}|[A-Za-z_][A-Za-z0-9_]*)\s*$/.test(value);
}

/** A literal secret value: non-empty and not a pure reference. */
export function isLiteralValue(value: string | null | undefined): value is string {
  return value !== null && value !== undefined && value.trim() !== '' && !isReference(value);
}

/** Last words of a key that name a secret itself; `key` counts after a word that makes it one (`apiKey`, `SIGNING_KEY`). */
const SECRET_NOUNS = new Set(['secret', 'secrets', 'password', 'passwd', 'passphrase', 'pwd', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'secretkey', 'accesskey']);
const KEY_QUALIFIERS = new Set(['api', 'secret', 'private', 'access', 'signing', 'encryption', 'master', 'auth', 'session', 'jwt', 'hmac', 'client', 'app', 'account', 'license', 'admin']);

/** The words of a key: `sessionSecret` → session, secret; `JWT_SECRET` → jwt, secret; `x-api-key` → x, api, key. */
function keyWords(key: string): string[] {
  const last = key.split('.').pop() ?? key;
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * True when the key names the secret itself, not something about it: its last word is a secret noun
 * (`sessionSecret`, `JWT_SECRET`, `adminToken`, `apiKey`, `DB_PASSWORD`) — not `secretProvisioning`,
 * `refresh_token_settings`, `password_expiration_reset` or `tokenizer`.
 */
export function namesSecretItself(key: string): boolean {
  const words = keyWords(key);
  const last = words.at(-1) ?? '';
  if (SECRET_NOUNS.has(last)) return true;
  return last === 'key' && KEY_QUALIFIERS.has(words.at(-2) ?? '');
}
