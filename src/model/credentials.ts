/**
 * Evidence that a value is a credential, whatever the name it is assigned to: a known token format
 * (secretlint's recommended preset: cloud, SaaS and package-registry tokens, private keys, connection
 * strings with passwords), a PEM private key written with escaped newlines, a bearer token; or, for a
 * value assigned to a secret-like name, a long random-looking string. No function here returns the value.
 */
import { rules as secretlintRules } from '@secretlint/secretlint-rule-preset-recommend';

/** What a secretlint rule detects, as messages name it (`an AWS secret access key`). */
const KINDS: Record<string, string> = {
  aws: 'an AWS credential',
  gcp: 'a Google Cloud service-account key',
  privatekey: 'a private key',
  npm: 'an npm token',
  basicauth: 'a URL with a user name and password',
  slack: 'a Slack token',
  sendgrid: 'a SendGrid API key',
  shopify: 'a Shopify token',
  github: 'a GitHub token',
  gitlab: 'a GitLab token',
  grafana: 'a Grafana token',
  openai: 'an OpenAI API key',
  anthropic: 'an Anthropic API key',
  groq: 'a Groq API key',
  huggingface: 'a Hugging Face token',
  linear: 'a Linear API key',
  notion: 'a Notion token',
  '1password': 'a 1Password service-account token',
  'database-connection-string': 'a database connection string with a password',
  'hashicorp-vault': 'a HashiCorp Vault token',
  vercel: 'a Vercel token',
  databricks: 'a Databricks token',
  docker: 'a Docker Hub token',
  figma: 'a Figma token',
  stripe: 'a Stripe secret key',
};

interface Scanner {
  kind: string;
  /** The ranges (start, end offsets) of what it finds in the text. */
  scan(text: string): [number, number][];
}

/** The preset's scanners, created once; each reports synchronously for text content (only `.p12` files are read from disk, and none is passed). */
const scanners: Scanner[] = secretlintRules.flatMap((rule): Scanner[] => {
  const id = rule.meta.id.replace(/^@secretlint\/secretlint-rule-/, '');
  if (rule.meta.type !== 'scanner' || id === 'filter-comments') return [];
  let found: [number, number][] = [];
  const context = {
    report: (d: { range?: [number, number] }) => {
      found.push(d.range ?? [0, 0]);
    },
    ignore: () => {},
    createTranslator: () => () => ({ message: '' }),
    sharedOptions: {},
    locale: 'en',
  };
  // biome-ignore lint/suspicious/noExplicitAny: secretlint's context type is not exported by the preset
  const handlers = (rule.create as (context: any, options: object) => { file?: (source: object) => unknown })(context, {});
  return [
    {
      kind: KINDS[id] ?? `a ${id} credential`,
      scan(text) {
        found = [];
        handlers.file?.({ content: text, ext: '.txt', contentType: 'text' });
        return found;
      },
    },
  ];
});

/** The header of a PEM private key (`-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`). */
const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_MAX_BODY = 16 * 1024;

/**
 * True when base64 key material decodes to an X.509 certificate (SEQUENCE { SEQUENCE { [0] version … } }): a
 * certificate pasted under a key's header, as a form's placeholder does, is public.
 */
function isCertificateDer(base64: string): boolean {
  const der = Buffer.from(base64.slice(0, 64), 'base64');
  const header = (at: number): number | undefined => {
    if (der[at] !== 0x30) return undefined;
    const len = der[at + 1] ?? 0;
    return at + 2 + (len & 0x80 ? len & 0x7f : 0);
  };
  const inner = header(0);
  const tbs = inner === undefined ? undefined : header(inner);
  return tbs !== undefined && der[tbs] === 0xa0 && der[tbs + 1] === 0x03 && der[tbs + 2] === 0x02 && der[tbs + 3] === 0x01;
}

/**
 * PEM private keys in a text, as [start, end] offsets: a header followed by key material — 100+ base64
 * characters before the END line, also written on one line with `\n` escapes (env files, JSON). A truncated
 * example (`MIIEpQIB….`) or a placeholder body is not a key. Linear: one scan per header, bounded.
 */
function pemPrivateKeys(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(PEM_BEGIN)) {
    const bodyStart = m.index + m[0].length;
    const endAt = text.indexOf('-----END ', bodyStart);
    if (endAt === -1 || endAt - bodyStart > PEM_MAX_BODY) continue;
    const body = text.slice(bodyStart, endAt).replace(/\\[rn]|\s|["'`+,]/g, '');
    if (body.length >= 100 && /^[A-Za-z0-9+/=:-]+$/.test(body) && !isCertificateDer(body)) out.push([m.index, endAt]);
  }
  return out;
}

/** `Bearer eyJhbGci…`: an authorization header value with a token. */
const BEARER_TOKEN = /^Bearer\s+[A-Za-z0-9._~+/-]{20,}=*$/;
/** Hosts and words of documentation examples: `https://user:pass@example.com` is not a credential. */
const EXAMPLE_VALUE = /(?:@|\/\/)(?:[\w-]+\.)*(?:example\.(?:com|org|net)|localhost|127\.0\.0\.1)\b|:(?:password|pass|secret|changeme|xxx+|\*+)@/i;
/** Words of made-up tokens in tests and docs: `xoxb-BOT-SECRET`, `ghp_your_token_here`, `sk-test-fake`. */
const MADE_UP = /your|example|sample|dummy|fake|placeholder|changeme|change_me|secret|token|password|redacted|xxxx|\*{3}|<[^>]*>|\.\.\./i;

/**
 * What a scanner matched is a real credential, not a made-up one: a URL's password is not a placeholder, and a
 * token carries key material (letters and digits mixed, 12+ of them, no words of examples).
 */
function plausible(kind: string, matched: string): boolean {
  // What secretlint matches as a key must hold key material as pemPrivateKeys reads it (not a truncated example or a certificate).
  if (kind === 'a private key') return pemPrivateKeys(matched).length > 0;
  // A password for a host that exists only in a compose network or on the machine (`@postgres:5432`, `@localhost`) opens nothing.
  const url = /^[a-z][\w+.-]*:\/\/([^:/@\s]*):([^@\s]+)@([^:/?#\s]+)/i.exec(matched);
  if (url) {
    const [, user = '', password = '', host = ''] = url;
    const realHost = host.includes('.') && !/^\d+\.\d+\.\d+\.\d+$/.test(host);
    const realPassword = password.length >= 8 && password !== user && !/^[A-Za-z]{1,11}$/.test(password) && !MADE_UP.test(password) && !/^(.)\1*$/.test(password) && !/^[$%{]/.test(password);
    return realHost && realPassword;
  }
  const material = matched.replace(/^[A-Za-z]{2,10}[-_]/, '');
  const alnum = material.replace(/[^A-Za-z0-9]/g, '');
  if (alnum.length < 12 || !/\d/.test(alnum) || !/[A-Za-z]/.test(alnum) || MADE_UP.test(material)) return false;
  // Issued key material is random: some run of it is long and varied. `hooks.slack.com/services/T00000000/B00000000/xxx`
  // has the shape of a webhook and none of its randomness.
  return material.split(/[^A-Za-z0-9]+/).some((run) => run.length >= 12 && new Set(run).size >= 8 && !/(.)\1{4}/.test(run));
}

/** Longer values are not scanned: no credential format is that long, and the scanners' time grows with the text. */
const MAX_SCANNED = 16 * 1024;

/** The kind of credential a value is by its format (`a GitHub token`), or undefined. `key` is the name it is assigned to, when known (some formats need it). */
export function credentialKind(value: string, key?: string): string | undefined {
  const text = value.trim();
  if (text.length < 8 || text.length > MAX_SCANNED) return undefined;
  if (pemPrivateKeys(text).length > 0) return 'a private key';
  if (BEARER_TOKEN.test(text)) return 'a bearer token';
  if (EXAMPLE_VALUE.test(text)) return undefined;
  const line = key ? `${key}=${text}` : text;
  for (const scanner of scanners) {
    if (scanner.scan(line).some(([start, end]) => plausible(scanner.kind, line.slice(start, end)))) return scanner.kind;
  }
  return undefined;
}

/**
 * Whether a kind of credential is issued by someone else (a cloud, SaaS or registry token) and so opens something
 * wherever it is found. A private key or a password in a connection string is only as real as what it configures:
 * in a test fixture or a development stack it is made up for the occasion.
 */
export function issuedByProvider(kind: string): boolean {
  return kind !== 'a private key' && kind !== 'a database connection string with a password' && kind !== 'a URL with a user name and password';
}

export interface FoundCredential {
  kind: string;
  /** Offsets of the credential in the text. */
  start: number;
  end: number;
}

/** Credentials of known formats anywhere in a text (a test file, a development env file), in text order; examples and placeholders are left out. */
export function credentialsInText(text: string): FoundCredential[] {
  const out: FoundCredential[] = [];
  for (const [start, end] of pemPrivateKeys(text)) out.push({ kind: 'a private key', start, end });
  for (const scanner of scanners) {
    for (const [start, end] of scanner.scan(text)) {
      const matched = text.slice(start, end);
      if (EXAMPLE_VALUE.test(matched) || !plausible(scanner.kind, matched) || out.some((o) => start < o.end && o.start < end)) continue;
      out.push({ kind: scanner.kind, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** `abcdefgh`, `0123456789`, `ABCDEFGH`: an alphabet written out (a nanoid or base62 character set), not a key. */
function hasAlphabetRun(text: string): boolean {
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    run = text.charCodeAt(i) === text.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

function entropyPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Words of placeholders and markers: `your_client_secret`, `[REDACTED]`, `sample-key-xxx`. */
const PLACEHOLDER = /your|example|dummy|placeholder|redacted|masked|hidden|sample|fake|changeme|change_me|xxx/i;

/** A placeholder or marker: words of one (`your_client_secret`, `[REDACTED]`), zeros (`00000000-000-0000`), one repeated character. */
export function madeUp(value: string): boolean {
  const v = value.trim();
  // `*DELETED*`, `[REMOVED]`, `<unset>`, `__BLANK__`: a word in punctuation marks a value, it is none.
  return PLACEHOLDER.test(v) || /^[0\W_]+$/.test(v) || /^(.)\1+$/.test(v) || /^[*[<({_-]+[A-Za-z][A-Za-z _-]*[*\]>)}_-]+$/.test(v);
}

/** A template's slot in place of the value: `{{ aws_access_id }}`, `{{.Values.token}}`, `<%= secret %>`, `%API_KEY%`. */
const TEMPLATE_SLOT = /^\s*(?:\{\{[^{}]*\}\}|<%=?[^%]*%>|%[A-Z][A-Z0-9_]*%|\[\[[^[\]]*\]\])\s*$/;

export function templateSlot(value: string): boolean {
  return TEMPLATE_SLOT.test(value);
}

/**
 * A value written to be replaced or that says none is set: a placeholder or marker, a word of absence
 * (`not_configured`), or capitalised words that name what goes there
 * (`STRONG_DB_PASSWORD`, `REPLACE_WITH_LONG_SECRET`, `NO-DEFINED`) — the name of a value, not one.
 */
export function fillIn(value: string): boolean {
  const v = value.trim();
  return madeUp(v) || ABSENT.test(v) || /^[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)+$/.test(v) || TEMPLATE_SLOT.test(v);
}

/**
 * A value that tells whoever edits the file to replace it (`replace-me-with-a-random-string`, `change-this-secret`):
 * in a file the operator fills in before the first start it is a slot, not a committed secret. A fallback in code is
 * no such file: nobody reads it before production runs with it.
 */
export function asksToBeReplaced(value: string): boolean {
  return fillIn(value) || /^(?:please[-_ ])?(?:change|replace|set)[-_ ]?(?:me|this|it|with|before)(?![a-z])/i.test(value.trim());
}

/**
 * A generated secret: 20+ characters without spaces, letters and digits mixed, high entropy, and not shaped
 * like an identifier, a path, a URL or a UUID (`auth/invalid_access_token`, `app.auth`, `--color-success`).
 */
export function looksRandom(value: string): boolean {
  const text = value.trim();
  if (text.length < 20 || text.length > 512 || /\s/.test(text) || PLACEHOLDER.test(text)) return false;
  // `OAUTH2_GOOGLE_CLIENT_SECRET`, `session_store_key_v2`: the name of a variable or a key, words joined by underscores.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(text) || /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(text)) return false;
  if (/^[a-z][a-z0-9]*(?:[._/:-][a-z0-9]+)*$/i.test(text) && !/\d.*[a-z]|[a-z].*\d/i.test(text.replace(/[._/:-]/g, ''))) return false;
  if (/^(?:[\w-]+[./:])+[\w-]+$/.test(text) && /[./:]/.test(text) && !/[A-Z].*\d|\d.*[A-Z]/.test(text)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return false;
  if (/^[a-z][\w+.-]*:\/\//i.test(text) || text.startsWith('/') || text.startsWith('--')) return false;
  if (hasAlphabetRun(text)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(text)).length;
  if (classes < 2 || !/\d/.test(text)) return false;
  return entropyPerChar(text) >= 3.5;
}

/** Secrets copied from libraries' READMEs (express-session's `keyboard cat`, jsonwebtoken's `shhhhh`): public by being documented. */
const DOCUMENTED_DEFAULTS = new Set(['keyboard cat', 'shhhhh', 'shhhhhhared-secret', 'secret', 'mysecret', 'my secret', 'supersecret', 'changeme', 'change me']);

/** fetch's `credentials` modes, cookie and CORS options: words that configure how credentials travel, not credentials. */
const CREDENTIAL_MODES = new Set(['include', 'omit', 'same-origin', 'same-site', 'strict', 'lax', 'none', 'true', 'false']);

/** Names of types (`{ secret: 'string' }` in a schema or a generated type checker): a description of a value. */
const TYPE_NAMES = new Set(['string', 'number', 'boolean', 'object', 'bigint', 'symbol', 'function', 'array', 'date', 'buffer', 'uint8array']);

/** Words that say a value is absent or not yet chosen (`unknown`, `pending_provisioning`, `not-set`): no secret. */
const ABSENT = /^(?:unknown|none|null|nil|undefined|n\/a|empty|unset|(?:no|not)[-_ ]?(?:set|defined|configured|provided|specified|available|used|needed|required)|missing|pending|tbd|todo|anonymous|disabled)(?:[-_.][a-z_-]*)?$/i;

/**
 * A value shaped like a secret someone chose (`super-secret-session-key`, `f0rt1state-s3ss10n`): ASCII without
 * whitespace, 6+ characters — not a label (`Palavra-passe`, `Set password`), a CSS variable (`--color-x`), a
 * template (`{{x}}`), a path, a URL, an identifier that only names a secret (`auth/invalid_refresh_token`,
 * `refresh_token`), an env variable name, or a credentials mode (`include`).
 */
export function secretShaped(key: string, value: string): boolean {
  const v = value.trim();
  if (DOCUMENTED_DEFAULTS.has(v.toLowerCase())) return true;
  if (v.length < 6 || v.length > 512 || /\s/.test(v) || /[^\x21-\x7e]/.test(v)) return false;
  if (CREDENTIAL_MODES.has(v.toLowerCase()) || TYPE_NAMES.has(v.toLowerCase()) || ABSENT.test(v)) return false;
  // Placeholders and markers (`your_client_secret`, `[REDACTED]`, `00000000-0000-…`, `STRONG_PASSWORD`), header names (`x-api-key`).
  if (fillIn(v) || /^x-[a-z-]+$/i.test(v)) return false;
  if (/^[A-Z][a-z]+(?:[-'][A-Za-z][a-z]*)*$/.test(v)) return false; // a word or hyphenated phrase in Title case: a label
  if (v.startsWith('--') || v.startsWith('/') || /^[a-z][\w+.-]*:\/\//i.test(v) || /\{\{|\$\{|%[sd]|:\w+$/.test(v)) return false;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (squash(v) === squash(key)) return false;
  // `auth/invalid_access_token`, `app.auth.token`, `refresh_token`: an identifier made of words that names a secret, or has a separator of paths and codes
  if (/^[a-z][a-z_-]*(?:[./:][a-z_-]+)+$/i.test(v)) return false;
  if (/^[a-z_:-]+$/i.test(v) && /secret|password|passwd|token|key|credential/i.test(v) && !/secret$/i.test(squash(key))) return false;
  // An API key or token is issued, never a word someone chose: `apiKey: 'ollama'` is the dummy a keyless local backend
  // is given. (A password or secret that is a word is a weak secret, and stays one.)
  if (/(?:key|token)$/i.test(squash(key)) && !/(?:secret|password|passwd|pwd)/i.test(squash(key)) && /^[a-z]+(?:[-_][a-z]+)*$/.test(v)) return false;
  return true;
}
