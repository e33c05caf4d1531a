/**
 * Env reads: every environment variable the code reads — `process.env.X` (and through aliases of process.env),
 * destructuring of process.env, and the variables env schemas declare (zod's `schema.parse(process.env)`, envalid's
 * `cleanEnv`, t3-env's `createEnv`) — with whether the code copes with it unset (a fallback, a default, a presence
 * test), the literal default and the variable it is an alias of. A read's fallback may be a literal secret
 * (literal-secrets.ts) and its name a validation bypass flag (validation-bypass.ts): both are handed on.
 */
import type * as t from '@babel/types';
import { type CallNode, chainText, isCall, isFunction, isMember, keyName, type MemberNode, memberName, stringValue, unwrap, walk } from '../../parsers/source.ts';
import { objectProp } from './expressions.ts';
import type { LiteralSecrets } from './literal-secrets.ts';
import { isPredicateCall, isProcessEnv, type Module } from './module.ts';
import type { EnvRead } from './types.ts';
import type { ValidationBypasses } from './validation-bypass.ts';
import type { Call, Extractor } from './visitor.ts';

/** Calls that convert an env value without supplying a default (`parseInt(process.env.PORT, 10)`: 10 is the radix). */
const CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat', 'String', 'Boolean', 'JSON.parse']);

export class EnvReads implements Extractor {
  readonly reads: EnvRead[] = [];
  /** Objects that only hand env variables to a schema that declares them (t3-env's `runtimeEnv`): not reads of their own. */
  private readonly envHandovers = new Set<t.Node>();

  constructor(
    private readonly secrets: LiteralSecrets,
    private readonly bypasses: ValidationBypasses,
  ) {}

  call(mod: Module, { target, callee, method, args }: Call): void {
    if (target) {
      if (target.module === 'envalid' && target.path === 'cleanEnv' && args[0] && isProcessEnv(args[0], mod)) this.schemaEnvReads(mod, args[1], (v) => objectProp(isCall(unwrap(v)) ? (unwrap(v) as CallNode).arguments[0] : undefined, 'default') !== undefined);
      // t3-env: `createEnv({ server: {X: z.string()}, client: {…}, runtimeEnv: {X: process.env.X} })` — the schemas say
      // what is required; the runtimeEnv map only hands each variable over.
      if (/^@t3-oss\/env-/.test(target.module) && target.path === 'createEnv' && args[0] && unwrap(args[0]).type === 'ObjectExpression') {
        const options = args[0] as t.ObjectExpression;
        for (const key of ['server', 'client', 'shared']) this.schemaEnvReads(mod, objectProp(options, key)?.value, (value) => this.schemaCopes(mod, value));
        const handover = objectProp(options, 'runtimeEnv')?.value ?? objectProp(options, 'experimental__runtimeEnv')?.value;
        if (handover) this.envHandovers.add(unwrap(handover));
      }
    }
    if (isMember(callee) && (method === 'parse' || method === 'safeParse' || method === 'parseAsync') && args[0] && isProcessEnv(args[0], mod)) this.zodEnvReads(mod, callee.object);
  }

  member(mod: Module, node: MemberNode, ancestors: readonly t.Node[]): void {
    if (!isProcessEnv(node.object, mod) || ancestors.some((a) => this.envHandovers.has(a))) return;
    const name = memberName(node);
    if (name === undefined) return;
    const parent = ancestors.at(-1);
    if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
    if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return;
    const fallback = this.fallbackOf(mod, node, ancestors);
    const read: EnvRead = { name, hasDefault: fallback.hasDefault, defaultValue: fallback.value ? literalText(fallback.value) : undefined, loc: mod.loc(node) };
    // `process.env.MONGODB_URI || process.env.MONGOLAB_URI`: the second is an older or platform name for the first
    if (parent?.type === 'LogicalExpression' && parent.right === node && (parent.operator === '||' || parent.operator === '??')) read.aliasOf = firstEnvName(mod, parent.left);
    this.reads.push(read);
    this.bypasses.flag(mod, node, name, ancestors);
    if (fallback.value) this.secrets.envFallback(mod, name, fallback.value);
  }

  /** `const { PORT = 3000, DB_URL } = process.env`: a read of each name, with its default. */
  declarator(mod: Module, node: t.VariableDeclarator): void {
    if (node.id.type === 'ObjectPattern' && node.init && isProcessEnv(node.init, mod)) {
      for (const p of node.id.properties) {
        if (p.type !== 'ObjectProperty') continue;
        const name = keyName(p.key, p.computed);
        if (!name) continue;
        const fallback = p.value.type === 'AssignmentPattern' ? p.value.right : undefined;
        this.reads.push({ name, hasDefault: fallback !== undefined, defaultValue: fallback ? literalText(fallback) : undefined, loc: mod.loc(p.key) });
      }
    }
  }

  /** How an env read copes with an unset variable: climbs through conversions to a `||`/`??` or a test. */
  private fallbackOf(mod: Module, node: t.Node, ancestors: readonly t.Node[]): { hasDefault: boolean; value?: t.Node } {
    let child: t.Node = node;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if (a.type === 'LogicalExpression') {
        if (a.left === child && (a.operator === '||' || a.operator === '??')) return { hasDefault: true, value: a.right };
        // `process.env.A || process.env.B || ''`: B is an alternative, and the chain's fallback is B's too.
        if (a.right === child && (a.operator === '||' || a.operator === '??')) {
          child = a;
          continue;
        }
        if (a.left === child && a.operator === '&&') return { hasDefault: true };
        // `A && process.env.B`: B's value is the expression's; `Boolean(A && B)` tests it.
        if (a.right === child && a.operator === '&&') {
          child = a;
          continue;
        }
        return { hasDefault: false };
      }
      if ((a.type === 'ConditionalExpression' || a.type === 'IfStatement') && a.test === child) return { hasDefault: true };
      if (a.type === 'UnaryExpression' && (a.operator === '!' || a.operator === 'typeof')) return { hasDefault: true };
      if (a.type === 'BinaryExpression') return { hasDefault: true };
      // `parseEnvInt(process.env.TIMEOUT, 30000)`, `bool(process.env.X, false)`: a parser that takes the default after the value.
      const conversion = isCall(a) && CONVERSIONS.has(chainText(a.callee) ?? '');
      // `process.env.ALLOWED_IPS?.split(',')`: optional chaining copes with an unset variable.
      if (a.type === 'OptionalMemberExpression' && a.object === child && a.optional) return { hasDefault: true };
      // `Boolean(process.env.SENTRY_DSN)`, `isEmpty(process.env.X)`: a presence test, false when unset.
      if (isPredicateCall(a) && a !== child) return { hasDefault: true };
      // `const ignored = process.env.IGNORE_IP; if (ignored) …`: a variable of the read's value that the module tests.
      if (a.type === 'VariableDeclarator' && a.init === child && a.id.type === 'Identifier' && mod.inits.get(a.id.name) === unwrap(child) && mod.testedNames.has(a.id.name)) {
        return { hasDefault: true };
      }
      if (isCall(a) && a.callee !== child && !conversion) {
        const args = a.arguments as t.Node[];
        const at = args.indexOf(child);
        const fallback = at === -1 ? undefined : args.slice(at + 1).find((arg) => isLiteralValueNode(arg));
        if (fallback) return { hasDefault: true, value: fallback };
        // `parseEnvInt(process.env.JOB_TIMEOUT_MS, 2 * 60 * 60 * 1000)`, `(…, DEFAULT_WINDOW_HOURS)`: a constant after it.
        if (at !== -1 && args.slice(at + 1).some(isConstantExpression)) return { hasDefault: true };
      }
      const passes =
        // `+process.env.PORT || 3000`: a number conversion, like Number().
        (a.type === 'UnaryExpression' && a.operator === '+') ||
        a.type === 'TSAsExpression' ||
        a.type === 'TSNonNullExpression' ||
        a.type === 'ParenthesizedExpression' ||
        (isMember(a) && a.object === child) ||
        (isCall(a) && (a.callee === child || conversion));
      if (!passes) return { hasDefault: false };
      child = a;
    }
    return { hasDefault: false };
  }

  private schemaEnvReads(mod: Module, schema: t.Node | undefined, hasDefault: (value: t.Node) => boolean): void {
    const n = schema ? unwrap(schema) : undefined;
    if (n?.type !== 'ObjectExpression') return;
    for (const p of n.properties) {
      if (p.type !== 'ObjectProperty') continue;
      const name = keyName(p.key, p.computed);
      if (name) this.reads.push({ name, hasDefault: hasDefault(p.value), loc: mod.loc(p.key) });
    }
  }

  /** `schema.parse(process.env)` where schema is `z.object({...})` (inline or a local constant). */
  private zodEnvReads(mod: Module, schema: t.Node): void {
    let n: t.Node | null | undefined = unwrap(schema);
    if (n.type === 'Identifier') n = mod.inits.get(n.name);
    for (let depth = 0; n && depth < 10; depth++) {
      n = unwrap(n);
      if (!isCall(n)) return;
      if (isMember(n.callee) && memberName(n.callee) === 'object') {
        this.schemaEnvReads(mod, n.arguments[0] as t.Node, (value) => this.schemaCopes(mod, value));
        return;
      }
      n = isMember(n.callee) ? n.callee.object : undefined;
    }
  }

  /**
   * A zod schema that accepts a missing variable: `.default(…)`, `.optional()`, `.nullish()`, `.catch(…)`, or a
   * shared schema named for it (`OptionalIntEnv`, `IntEnvWithDefault(10000)`), or a local constant holding one.
   */
  private schemaCopes(mod: Module, value: t.Node, depth = 0): boolean {
    if (/\.(?:default|optional|nullish|catch)\(/.test(this.chainMethods(value))) return true;
    // `z.preprocess(fn, z.enum([…]).default('a'))`, `z.pipe(…)`: the schema given as an argument decides.
    const call = unwrap(value);
    if (isCall(call) && /^(?:preprocess|pipe|lazy)$/.test(isMember(call.callee) ? (memberName(call.callee) ?? '') : '') && depth < 3) {
      if ((call.arguments as t.Node[]).some((arg) => !isFunction(unwrap(arg)) && this.schemaCopes(mod, arg, depth + 1))) return true;
    }
    let base = unwrap(value);
    while (isCall(base)) base = unwrap(isMember(base.callee) ? base.callee.object : base.callee);
    const name = base.type === 'Identifier' ? base.name : isMember(base) ? memberName(base) : undefined;
    if (name === undefined) return false;
    if (/optional|default|nullish/i.test(name)) return true;
    const init = base.type === 'Identifier' ? mod.inits.get(base.name) : undefined;
    return init !== undefined && init !== null && depth < 3 && this.schemaCopes(mod, init, depth + 1);
  }

  private chainMethods(node: t.Node): string {
    const out: string[] = [];
    let n: t.Node = unwrap(node);
    while (isCall(n) && isMember(n.callee)) {
      out.push(`.${memberName(n.callee)}(`);
      n = unwrap(n.callee.object);
    }
    return out.join('');
  }
}

/** A value fixed in the code: a literal, arithmetic of literals (`2 * 60 * 1000`), a constant's name (`DEFAULT_TIMEOUT_MS`). */
function isConstantExpression(node: t.Node): boolean {
  const n = unwrap(node);
  if (isLiteralValueNode(n)) return true;
  if (n.type === 'Identifier') return /^[A-Z][A-Z0-9_]*$/.test(n.name);
  if (n.type === 'UnaryExpression') return n.operator === '-' && isConstantExpression(n.argument);
  return n.type === 'BinaryExpression' && n.left.type !== 'PrivateName' && isConstantExpression(n.left) && isConstantExpression(n.right);
}

function literalText(node: t.Node): string | undefined {
  const n = unwrap(node);
  const s = stringValue(n);
  if (s !== undefined) return s;
  if (n.type === 'NumericLiteral' || n.type === 'BooleanLiteral') return String(n.value);
  return undefined;
}

/** The first env variable an expression reads, in source order: `process.env.A || process.env.B` → A. */
function firstEnvName(mod: Module, node: t.Node): string | undefined {
  let found: string | undefined;
  walk(node, (n) => {
    if (found === undefined && isMember(n) && isProcessEnv(n.object, mod)) found = memberName(n);
  });
  return found;
}

/** A literal a default can be: a string, number or boolean (a template without substitutions too). */
function isLiteralValueNode(node: t.Node): boolean {
  const n = unwrap(node);
  return n.type === 'NumericLiteral' || n.type === 'BooleanLiteral' || stringValue(n) !== undefined;
}
