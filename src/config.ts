/** Configuration: `.shipready.yml` / `.shipready.json` / `--config`, validated against schema/config.schema.json. */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { rules as registry } from '../rules/index.ts';
import schema from '../schema/config.schema.json' with { type: 'json' };
import { isWithin, readRegularFile, yamlStructureProblem } from './discover.ts';
import { ENGINE_RULES, type Rule } from './rule.ts';
import { SEVERITIES, type Severity } from './types.ts';
import { jsonSyntaxReason } from './parsers/json.ts';
import { printable } from './reporters/escape.ts';

export type FailOn = Severity | 'never';

export interface RuleSetting {
  /** Effective severity, or 'off'. */
  severity: Severity | 'off';
  options?: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The config file that was read, relative to the root (undefined: defaults). */
  file?: string;
  extends: 'recommended' | 'strict';
  /** Per-rule settings from the config file and --rule flags (rules absent here use their defaults). */
  rules: Map<string, RuleSetting>;
  ignore: string[];
  production: string[];
  /** Globs of artifacts that are development, tests or examples, whatever they look like (src/model/scope.ts). */
  development: string[];
  images: Record<string, string>;
  failOn: FailOn;
  minScore?: number;
  /**
   * `baseline`: the baseline file (absolute, from the config file's folder), the name messages call it by (from the
   * root) and what they say it is (`.shipready.yml: baseline x.json`); `--baseline` overrides it.
   */
  baseline?: { path: string; name: string; label: string; within: string };
}

export function defaultConfig(): ResolvedConfig {
  return { extends: 'recommended', rules: new Map(), ignore: [], production: [], development: [], images: {}, failOn: 'error' };
}

/** A configuration or usage problem: exit code 2, message names the file, line and key or the flag. */
export class ConfigError extends Error {}

/** What config validation needs to know about a rule. */
export type RuleMeta = Pick<Rule, 'id' | 'severity' | 'options'>;

export const CONFIG_FILE_NAMES = ['.shipready.yml', '.shipready.yaml', '.shipready.json'] as const;
const SETTINGS: readonly (Severity | 'off')[] = ['off', ...SEVERITIES];
const YAML_MAX_ALIAS_COUNT = 100;

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to a mistyped word, if any is close: within a third of its length in edit
 * distance (at least 2), a completion of it (`warn` → `warning`), or a rule id whose name part it is
 * (`non-root` → `docker/non-root`).
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const word = input.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const name = lower.slice(lower.indexOf('/') + 1);
    const distance = Math.min(levenshtein(word, lower), word.includes('/') ? Number.POSITIVE_INFINITY : levenshtein(word, name));
    const close = distance <= Math.max(2, Math.floor(word.length / 3)) || (word.length >= 3 && lower.startsWith(word));
    if (close && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function suggestion(input: unknown, candidates: Iterable<string>): string {
  const match = typeof input === 'string' ? didYouMean(input, candidates) : undefined;
  return match ? `; did you mean ${match}?` : '';
}

type PathSegment = string | number;

export interface SchemaHooks {
  noun?: (path: readonly PathSegment[]) => string;
  explain?: (error: ErrorObject, path: readonly PathSegment[]) => string | undefined;
}

/** A parsed YAML or JSON file that can say where each key and value is. */
export interface StructuredFile {
  /** How messages name the file. */
  name: string;
  value: unknown;
  /** 1-based line and column of the key (`at: 'key'`) or the value at a path; the nearest existing parent otherwise. */
  position(path: readonly PathSegment[], at: 'key' | 'value'): { line: number; column: number };
}

/** Parses YAML (or JSON, which must also be strict JSON) keeping positions. Throws ConfigError on syntax errors. */
export function readStructured(name: string, text: string, format: 'yaml' | 'json'): StructuredFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const where = /line (\d+) column (\d+)/.exec(message);
      const reason = jsonSyntaxReason(message);
      throw new ConfigError(`${name}:${where ? `${where[1]}:${where[2]}` : '1:1'}: invalid JSON: ${reason}`);
    }
  }
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = at(syntax.pos[0]);
    throw new ConfigError(`${name}:${pos.line}:${pos.column}: invalid ${format === 'json' ? 'JSON' : 'YAML'}: ${syntax.message.split('\n')[0]}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ConfigError(`${name}:1:1: invalid YAML: ${(error as Error).message}`);
  }
  const position = (path: readonly PathSegment[], where: 'key' | 'value') => {
    let node: unknown = doc.contents;
    let found = node as Node | null;
    for (const [i, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value) === String(segment));
        if (!pair) break;
        const isLast = i === path.length - 1;
        if (isLast && where === 'key') {
          found = pair.key as Node;
          break;
        }
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else break;
      if (node) found = node as Node;
    }
    const offset = found?.range?.[0];
    return offset === undefined ? { line: 1, column: 1 } : at(offset);
  };
  return { name, value, position };
}

/** `rules.docker/non-root[1].maxAge`, as people read key paths. */
function displayPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const TYPE_NAMES: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' };

/** One ajv error in words, and where it points (a key that should not be there points at the key). */
function describeError(error: ErrorObject, path: PathSegment[], hooks: SchemaHooks): { message: string; at: 'key' | 'value' } | undefined {
  const explained = hooks.explain?.(error, path);
  if (explained) return { message: explained, at: 'value' };
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing branch reports the details
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const noun = hooks.noun?.(path) ?? 'key';
      path.push(key);
      const hint = suggestion(key, known) || (noun === 'key' && known.length ? `; expected one of ${known.join(', ')}` : '');
      return { message: `unknown ${noun}${hint}`, at: 'key' };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return { message: `expected one of ${allowed.join(', ')}${suggestion(error.data, allowed)}`, at: 'value' };
    }
    case 'const':
      return { message: `expected ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`, at: 'value' };
    case 'type': {
      const type = (error.params as { type: string }).type;
      return { message: `expected ${TYPE_NAMES[type] ?? type}`, at: 'value' };
    }
    case 'minimum':
    case 'maximum':
      return { message: `expected ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${(error.params as { limit: number }).limit}`, at: 'value' };
    case 'required':
      return { message: `missing required key ${(error.params as { missingProperty: string }).missingProperty}`, at: 'value' };
    default:
      return { message: error.message ?? 'invalid value', at: 'value' };
  }
}

/**
 * Turns ajv errors (compiled with `verbose: true`) into `file:line:column: key.path: message` lines.
 * `hooks.noun` names the keys of a mapping at a path (the keys of `rules` are rule ids); `hooks.explain`
 * may word an error better than the schema can.
 */
export function schemaProblems(file: StructuredFile, errors: readonly ErrorObject[], hooks: SchemaHooks = {}): string[] {
  const problems: { line: number; column: number; text: string }[] = [];
  for (const error of errors) {
    const path = pointerPath(file.value, error.instancePath);
    const described = describeError(error, path, hooks);
    if (!described) continue;
    const pos = file.position(path, described.at);
    // Keys and values are the file's own text: a newline or an escape in them stays on this line, visible.
    problems.push({ ...pos, text: printable(`${file.name}:${pos.line}:${pos.column}: ${path.length ? `${displayPath(path)}: ` : ''}${described.message}`) });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return [...new Set(problems.map((p) => p.text))];
}

/** JSON pointer → key path; segments that index a list become numbers (shown as `[n]`). */
function pointerPath(value: unknown, pointer: string): PathSegment[] {
  const path: PathSegment[] = [];
  let node = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) ? Number(key) : key;
    path.push(segment);
    node = node && typeof node === 'object' ? (node as Record<PathSegment, unknown>)[segment] : undefined;
  }
  return path;
}

/** The shipped schema with `rules` narrowed to the known rule ids, each with its own options schema. */
function schemaFor(known: readonly RuleMeta[]): object {
  const properties = Object.fromEntries(
    known.map((rule) => [
      rule.id,
      // `items` constrains only lists, so this checks the options of `[severity, options]` and nothing else.
      { allOf: [{ $ref: '#/definitions/ruleSetting' }, { items: [true, rule.options?.schema ?? false] }] },
    ]),
  );
  return { ...schema, properties: { ...schema.properties, rules: { ...schema.properties.rules, properties, additionalProperties: false } } };
}

interface RawConfig {
  extends?: ResolvedConfig['extends'];
  rules?: Record<string, Severity | 'off' | [Severity, Record<string, unknown>?]>;
  ignore?: string[];
  production?: string[];
  development?: string[];
  images?: Record<string, string>;
  failOn?: FailOn;
  minScore?: number;
  baseline?: string;
}

/**
 * `extends: strict` raises the default severity of every rule the config does not set in `rules`
 * by one level: warning → error, info → warning (error stays error). It applies to the engine's own
 * rules too (shipready/unused-suppression becomes an error, shipready/skipped-file a warning).
 * Rules set in `rules` and by `--rule` keep exactly the severity written there; `failOn` is unchanged.
 */
function raised(severity: Severity): Severity {
  return severity === 'info' ? 'warning' : 'error';
}

/** Validates a parsed config against the schema narrowed to the known rules and resolves it. */
export function resolveConfig(file: StructuredFile, known: readonly RuleMeta[] = registry): ResolvedConfig {
  const rules = [...known, ...Object.values(ENGINE_RULES)];
  const ajv = new Ajv({ allErrors: true, verbose: true, strictTuples: false, strictTypes: false });
  const validate = ajv.compile(schemaFor(rules));
  const raw = (file.value ?? {}) as RawConfig;
  if (!validate(raw)) {
    const problems = schemaProblems(file, validate.errors ?? [], {
      noun: (path) => (path.length === 1 && path[0] === 'rules' ? 'rule id' : 'key'),
      explain: (error, path) =>
        error.keyword === 'false schema' && path[0] === 'rules' && path[2] === 1 ? `${path[1]} takes no options: write the severity alone` : undefined,
    });
    throw new ConfigError(problems.join('\n'));
  }
  const config = defaultConfig();
  config.extends = raw.extends ?? 'recommended';
  for (const [id, setting] of Object.entries(raw.rules ?? {})) {
    if (typeof setting === 'string') config.rules.set(id, { severity: setting });
    else config.rules.set(id, { severity: setting[0], ...(setting[1] ? { options: setting[1] } : {}) });
  }
  if (config.extends === 'strict') {
    for (const rule of rules) if (!config.rules.has(rule.id)) config.rules.set(rule.id, { severity: raised(rule.severity) });
  }
  config.ignore = raw.ignore ?? [];
  config.production = raw.production ?? [];
  config.development = raw.development ?? [];
  config.images = raw.images ?? {};
  config.failOn = raw.failOn ?? 'error';
  if (raw.minScore !== undefined) config.minScore = raw.minScore;
  return config;
}

/** How messages name a path: relative to the root when inside it. */
function displayName(root: string, path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

/**
 * Finds and loads the config: `explicit` (--config, absolute) or `.shipready.yml`/`.shipready.yaml`/
 * `.shipready.json` in the root. Throws ConfigError naming file, line and key when it is invalid.
 */
/** True when `path` lies in the root as written but a link takes it outside the root's real folder. */
function leavesRoot(root: string, path: string): boolean {
  if (!isWithin(root, path)) return false;
  try {
    return !isWithin(realpathSync(root), realpathSync(path));
  } catch {
    return false;
  }
}

/** A config file is a few hundred bytes; anything near this is a mistake or an attack. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads a file the user named (config, baseline) as UTF-8. It is opened without blocking and checked
 * before reading, so a FIFO or device never hangs the run; problems are ConfigErrors naming `label`.
 */
export function readUserFile(path: string, label: string, maxBytes: number, root?: string): string {
  if (root !== undefined && leavesRoot(root, path)) throw new ConfigError(`${label}: a symbolic link to a file outside the linted repository, not read`);
  let bytes: ReturnType<typeof readRegularFile>;
  try {
    bytes = readRegularFile(path, maxBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${label}: ${code === 'ENOENT' ? 'no such file' : `could not be read (${code ?? 'error'})`}`);
  }
  if (bytes === undefined) throw new ConfigError(`${label}: not a regular file`);
  if (typeof bytes === 'number') throw new ConfigError(`${label}: ${bytes} bytes, over the ${maxBytes}-byte limit`);
  return new TextDecoder().decode(bytes);
}

export async function loadConfig(root: string, explicit?: string, known: readonly RuleMeta[] = registry): Promise<ResolvedConfig> {
  let path: string;
  if (explicit) {
    if (!existsSync(explicit)) throw new ConfigError(`--config ${displayName(root, explicit)}: no such file`);
    path = explicit;
  } else {
    const found = CONFIG_FILE_NAMES.filter((name) => existsSync(join(root, name)));
    if (found.length === 0) return defaultConfig();
    if (found.length > 1) throw new ConfigError(`${found.join(' and ')}: more than one config file in ${root}; keep one`);
    path = join(root, found[0] as string);
  }
  const name = displayName(root, path);
  const text = readUserFile(path, name, MAX_CONFIG_BYTES, root);
  const structure = yamlStructureProblem(name, text);
  if (structure) throw new ConfigError(`${name}${structure.line ? `:${structure.line}:${structure.column ?? 1}` : ''}: ${structure.reason}`);
  const structured = readStructured(name, text, path.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  const config = resolveConfig(structured, known);
  config.file = name;
  const baseline = (structured.value as RawConfig | null)?.baseline;
  if (baseline !== undefined) {
    // A committed config names a file of its own repository: the config's folder holds it, and no link leads out.
    const folder = dirname(path);
    const file = resolve(folder, baseline);
    if (!isWithin(folder, file)) throw new ConfigError(`${name}: baseline ${baseline}: outside the config file's folder; keep the baseline beside the config or below it`);
    config.baseline = { path: file, name: displayName(root, file), label: `${name}: baseline ${baseline}`, within: folder };
  }
  return config;
}

/** Applies `--rule id=severity` flags on top of a config. Throws ConfigError for unknown ids or severities. */
export function applyRuleFlags(config: ResolvedConfig, flags: readonly string[], knownIds: readonly string[]): ResolvedConfig {
  for (const flag of flags) {
    const eq = flag.lastIndexOf('=');
    const id = flag.slice(0, eq).trim();
    const severity = flag.slice(eq + 1).trim();
    if (eq === -1 || !id || !severity) throw new ConfigError(`--rule ${flag}: expected ID=SEVERITY, e.g. --rule docker/healthcheck=off`);
    if (!knownIds.includes(id)) throw new ConfigError(`--rule ${flag}: unknown rule id ${id}${suggestion(id, knownIds)}`);
    if (!SETTINGS.includes(severity as Severity)) {
      throw new ConfigError(`--rule ${flag}: expected a severity of ${SETTINGS.join(', ')}${suggestion(severity, SETTINGS)}`);
    }
    config.rules.set(id, { ...config.rules.get(id), severity: severity as RuleSetting['severity'] });
  }
  return config;
}
