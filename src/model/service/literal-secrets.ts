/**
 * Literal secrets: secret values written in the code — a literal given to a secret-like name (a variable, property,
 * class field or assignment: `sessionSecret: 'super-secret-session-key'`) with evidence that it is a secret and not a
 * label, a storage key or a public key; a literal that value falls back to (`config.secret || 'k3J9…'`); and the
 * literal an env read of a secret falls back to (`process.env.JWT_SECRET || 'superSecret'`, from env-reads.ts).
 */
import type * as t from '@babel/types';
import { chainText, isCall, isMember, keyName, memberName, stringValue, unwrap } from '../../parsers/source.ts';
import { credentialKind, fillIn, looksRandom, secretShaped } from '../credentials.ts';
import { isSecretLikeKey, namesSecretItself } from '../secrets.ts';
import { isProcessEnvRead, type Module } from './module.ts';
import type { LiteralSecret } from './types.ts';
import type { Extractor } from './visitor.ts';

/** Names that are not secrets though a secret word is in them: `passwordField`, `tokenExpiresIn`, `secretName`. */
const NOT_SECRET_WORDS = new Set(['field', 'fields', 'name', 'names', 'header', 'param', 'params', 'prefix', 'type', 'label', 'placeholder', 'env', 'var', 'variable', 'path', 'url', 'uri', 'endpoint', 'route', 'length', 'min', 'max', 'pattern', 'regex', 'message', 'msg', 'error', 'text', 'title', 'description', 'hint', 'selector', 'id', 'expires', 'expiry', 'expiration', 'in', 'ttl', 'age', 'lifetime', 'mode', 'algorithm', 'alg', 'strategy', 'column', 'attribute', 'hash', 'policy', 'rules', 'schema', 'location', 'file', 'dir', 'count', 'size', 'version', 'format', 'input', 'query']);
const SECRET_WORDS = ['secret', 'password', 'passwd', 'token', 'key', 'credential'];
/** A value that says it is a secret: `dev-secret`, `changeme`, `keyboard cat`, `s3cr3t-key`. */
const SAYS_SECRET = /secret|s3cr3t|pass|pwd|key|token|changeme|keyboard cat|^shh/i;

function lastWord(name: string): string {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[_\-.]+/).filter(Boolean);
  return parts.at(-1) ?? '';
}

/**
 * A literal that could be a secret value: not empty, not a message, not a name of one. `envFallback`: the
 * literal an env read of a secret falls back to, which is a secret value whatever it looks like.
 */
function plausibleSecret(key: string, value: string, envFallback = false): boolean {
  const v = value.trim();
  if (v.length < 6) return false;
  if (/\s/.test(v) && (v.split(/\s+/).length >= 3 || /[.!?:]$/.test(v))) return false; // a message
  if (/^[A-Z][A-Z0-9_]+$/.test(v)) return false; // the name of an env variable
  if (/^(?:https?:)?\/\//.test(v) || v.startsWith('/')) return false;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (squash(v) === squash(key)) return false;
  // `auth_token`, `x-api-key`: identifier-like values that name a secret are storage keys and header names;
  // but what a `…Secret` key holds is the secret itself (`sessionSecret: 'super-secret-session-key'`).
  if (!envFallback && lastWord(key) !== 'secret' && /^[a-z_.:-]+$/i.test(v) && SECRET_WORDS.some((w) => v.toLowerCase().includes(w))) return false;
  return true;
}

/**
 * Words that make what a name holds a marker or a value to refuse, not a secret in use: `REDACTED_CREDENTIAL_VALUE`,
 * `placeholderToken`, and containers of known-bad values (`WEAK_DEFAULTS`, `COMMON_PASSWORDS`, `leakedKeys`).
 */
const MARKER_WORDS = new Set(['redacted', 'masked', 'mask', 'placeholder', 'sentinel', 'blank', 'dummy', 'fake', 'example', 'sample', 'mock', 'weak', 'insecure', 'known', 'common', 'leaked', 'compromised', 'banned', 'forbidden', 'blocked', 'blocklist', 'denylist', 'blacklist', 'rejected', 'obfuscated', 'deleted', 'removed', 'revoked', 'expired', 'invalid']);

function markerName(name: string): boolean {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((w) => MARKER_WORDS.has(w));
}

function secretKey(key: string): boolean {
  return isSecretLikeKey(key) && !NOT_SECRET_WORDS.has(lastWord(key)) && !markerName(key);
}

/** The name of the variable or property an object literal is the value of (`const WEAK_DEFAULTS = { … }`). */
function containerName(ancestors: readonly t.Node[]): string | undefined {
  let i = ancestors.length - 2;
  const wrapper = (n: t.Node | undefined) =>
    n !== undefined && (/^(?:TSAsExpression|TSSatisfiesExpression|TSNonNullExpression|ParenthesizedExpression|TypeCastExpression)$/.test(n.type) || (isCall(n) && chainText(n.callee) === 'Object.freeze'));
  while (i > 0 && wrapper(ancestors[i])) i--;
  const holder = ancestors[i];
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') return holder.id.name;
  if (holder?.type === 'ObjectProperty') return keyName(holder.key, holder.computed);
  if (holder?.type === 'AssignmentExpression') return holder.left.type === 'Identifier' ? holder.left.name : isMember(holder.left) ? memberName(holder.left) : undefined;
  return undefined;
}

/** Names of keys public by design: publishable and site keys, analytics write keys, client ids, DSNs, browser-exposed env. */
const PUBLIC_KEY_NAME = /publishable|public|^(?:next_public|vite|react_app|expo_public|nuxt_public|gatsby)_|site_?key|write_?key|ingest|dsn|client_?id|measurement|tracking/i;
/** Values public by design: Stripe publishable keys, PostHog project keys, Google browser API keys. */
const PUBLIC_KEY_VALUE = /^(?:pk_(?:live|test)_|phc_|AIza)/;

/**
 * Evidence that a literal assigned to a secret-like name is a secret and not a label, a storage key or an
 * identifier: a credential of a known format; or, not public by design, a long random-looking string, or a
 * secret-shaped value under a key that names the secret itself (`sessionSecret: 'super-secret-session-key'`).
 */
function secretEvidence(key: string, value: string): boolean {
  if (credentialKind(value, key) !== undefined) return true;
  if (PUBLIC_KEY_NAME.test(key) || PUBLIC_KEY_VALUE.test(value.trim())) return false;
  return looksRandom(value) || (namesSecretItself(key) && secretShaped(key, value));
}

/** Keys of a form field or setting descriptor (`{ secretKey: 'region', label: 'AWS Region' }`): its other keys name fields, not values. */
const DESCRIPTOR_KEYS = new Set(['label', 'helperText', 'helpText', 'placeholder', 'description', 'hint', 'tooltip']);

const descriptors = new WeakMap<t.Node, boolean>();

/** Asked once per object literal, whatever its size (a translation table has thousands of keys). */
function describesField(object: t.Node | undefined): boolean {
  if (object?.type !== 'ObjectExpression') return false;
  let known = descriptors.get(object);
  if (known === undefined) {
    known = object.properties.some((p) => p.type === 'ObjectProperty' && DESCRIPTOR_KEYS.has(keyName(p.key, p.computed) ?? ''));
    descriptors.set(object, known);
  }
  return known;
}

/**
 * The dummy a keyless backend is given: the fallback of a token or API key is the name of the service it is for
 * (`process.env.OLLAMA_AUTH_TOKEN || 'ollama'`). Any other chosen word (`|| 'letmeinplease'`) is a weak secret.
 */
function issuedNameWithWord(name: string, value: string): boolean {
  const words = name.toLowerCase().split(/[^a-z0-9]+/);
  return /(?:key|token)$/.test(words.join('')) && words.includes(value.toLowerCase());
}

export class LiteralSecrets implements Extractor {
  readonly secrets: LiteralSecret[] = [];

  declarator(mod: Module, node: t.VariableDeclarator): void {
    if (node.id.type === 'Identifier' && node.init) this.secretAssignment(mod, node.id.name, node.init);
  }

  property(mod: Module, node: t.ObjectProperty, ancestors: readonly t.Node[]): void {
    const key = keyName(node.key, node.computed);
    if (!key || ancestors.at(-1)?.type !== 'ObjectExpression') return;
    const container = containerName(ancestors);
    if (!(container && markerName(container))) this.secretAssignment(mod, key, node.value, describesField(ancestors.at(-1)));
  }

  classProperty(mod: Module, node: t.ClassProperty): void {
    if (node.value && node.key.type === 'Identifier') this.secretAssignment(mod, node.key.name, node.value);
  }

  assignment(mod: Module, node: t.AssignmentExpression): void {
    const target = node.left.type === 'Identifier' ? node.left.name : isMember(node.left) ? memberName(node.left) : undefined;
    if (target && node.operator === '=') this.secretAssignment(mod, target, node.right);
  }

  /** The fallback of an env read of `name` (env-reads.ts). */
  envFallback(mod: Module, name: string, fallback: t.Node): void {
    // `jwt.sign(payload, process.env.JWT_SECRET || 'superSecret')`: the fallback is the secret production runs with when the variable is missing
    const literal = stringValue(fallback);
    if (literal !== undefined && secretKey(name) && namesSecretItself(name) && plausibleSecret(name, literal, true) && !fillIn(literal) && !issuedNameWithWord(name, literal)) {
      const loc = mod.loc(unwrap(fallback));
      if (!this.secrets.some((s) => s.loc.line === loc.line && s.loc.column === loc.column && s.loc.file === loc.file)) this.secrets.push({ key: name, loc, fallback: true });
    }
  }

  /** `descriptor`: the key is a field of a form or setting descriptor, whose values name fields; only key material counts there. */
  private secretAssignment(mod: Module, key: string, valueNode: t.Node, descriptor = false): void {
    if (!secretKey(key)) return;
    const value = unwrap(valueNode);
    const literal = stringValue(value);
    if (literal !== undefined) {
      const evidence = descriptor ? credentialKind(literal, key) !== undefined || looksRandom(literal) : secretEvidence(key, literal);
      if (evidence) this.secrets.push({ key, loc: mod.loc(value), fallback: false });
      return;
    }
    // `secret: config.secret || 'k3J9…'` (a fallback of an env read is the env read's, in envFallback()). What a value
    // falls back to is as often a label (`apiKey: ctx.apiKey ?? 'internal-agent'`, `|| 'unknown'`): the literal
    // itself must look like a secret, generated or saying so (`|| 'dev-secret'`).
    if (value.type === 'LogicalExpression' && (value.operator === '||' || value.operator === '??') && !isProcessEnvRead(mod, value.left)) {
      const fallback = stringValue(value.right);
      if (fallback !== undefined && secretEvidence(key, fallback) && (looksRandom(fallback) || credentialKind(fallback, key) !== undefined || SAYS_SECRET.test(fallback))) {
        this.secrets.push({ key, loc: mod.loc(unwrap(value.right)), fallback: true });
      }
    }
  }
}
