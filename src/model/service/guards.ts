/**
 * Development-only code: guarded() tells whether a node runs only outside production, from the tests around it (their
 * polarity: true only outside production, or only in production) and, in a local function, from the calls of it.
 * Inspector starts and CORS settings are read with it.
 */
import type * as t from '@babel/types';
import { chainText, type FunctionNode, isCall, isFunction, isMember, memberName, stringValue, unwrap } from '../../parsers/source.ts';
import type { PackageCode } from './code.ts';
import { envNameOf, nodeText, statementsOf } from './expressions.ts';
import type { Module } from './module.ts';

const PROD_WORDS = new Set(['production', 'prod']);
const DEV_WORDS = new Set(['development', 'dev', 'test', 'testing', 'local', 'debug', 'staging']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on', 'enabled']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off', 'disabled']);
const ENV_NAME = /^(?:node_?env|env|environment|app_?env|mode|stage)$/i;

/**
 * Whether code runs only outside production: inside a branch of a NODE_ENV/enable-flag test that
 * admits it, after an early return on such a test, or in a local function whose every call is guarded.
 */
export function guarded(code: PackageCode, mod: Module, node: t.Node, ancestors: readonly t.Node[], depth: number): boolean {
  let child: t.Node = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i] as t.Node;
    if (a.type === 'IfStatement' || a.type === 'ConditionalExpression') {
      const p = polarity(mod, a.test);
      if ((a.consequent === child && p === 'allow') || (a.alternate === child && p === 'deny')) return true;
    }
    if (a.type === 'LogicalExpression' && a.right === child) {
      const p = polarity(mod, a.left);
      if ((a.operator === '&&' && p === 'allow') || (a.operator === '||' && p === 'deny')) return true;
    }
    if (a.type === 'BlockStatement' || a.type === 'Program') {
      const statements = a.body as t.Node[];
      const index = statements.indexOf(child);
      for (const s of statements.slice(0, Math.max(index, 0))) {
        if (s.type === 'IfStatement' && !s.alternate && exitsEarly(s.consequent) && polarity(mod, s.test) === 'deny') return true;
      }
    }
    if (isFunction(a)) {
      const parent = ancestors[i - 1];
      // a callback passed to a call runs where the call is: keep climbing
      if (parent && isCall(parent) && (parent.arguments as t.Node[]).includes(a)) {
        child = a;
        continue;
      }
      return everyCallGuarded(code, mod, a, depth);
    }
    child = a;
  }
  return false;
}

/** A local named function is guarded when it is called, and every call of it is guarded; unknown callers count as guarded. */
function everyCallGuarded(code: PackageCode, mod: Module, fn: FunctionNode, depth: number): boolean {
  const key = code.functionKey(mod, fn);
  const name = key.includes('#') ? key.slice(key.indexOf('#') + 1) : undefined;
  if (!name || depth > 3) return true;
  const calls = mod.calls.filter((n) => {
    const callee = unwrap(n.callee);
    return (callee.type === 'Identifier' && callee.name === name) || (isMember(callee) && callee.object.type === 'ThisExpression' && memberName(callee) === name);
  });
  if (calls.length === 0) return true;
  return calls.every((c) => guarded(code, mod, c, mod.ancestorsOf(c), depth + 1));
}

function exitsEarly(branch: t.Node): boolean {
  const last = statementsOf(branch).at(-1);
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
}

type Polarity = 'allow' | 'deny' | undefined;

function flip(p: Polarity): Polarity {
  return p === 'allow' ? 'deny' : p === 'deny' ? 'allow' : undefined;
}

/** `allow`: the test is true only outside production (or with a dev tool switched on); `deny`: only in production. */
function polarity(mod: Module, test: t.Node): Polarity {
  const n = unwrap(test);
  if (n.type === 'UnaryExpression' && n.operator === '!') return flip(polarity(mod, n.argument));
  if (n.type === 'LogicalExpression') {
    const ps = [polarity(mod, n.left), polarity(mod, n.right)];
    const allow = ps.includes('allow');
    const deny = ps.includes('deny');
    return allow && !deny ? 'allow' : deny && !allow ? 'deny' : undefined;
  }
  if (n.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(n.operator)) {
    const negated = n.operator.startsWith('!');
    const [literal, other] = stringValue(n.right) !== undefined ? [stringValue(n.right), n.left as t.Node] : [stringValue(n.left as t.Node), n.right];
    if (literal === undefined) return undefined;
    const value = literal.toLowerCase();
    let p: Polarity;
    if (mentionsEnvironment(mod, other)) p = PROD_WORDS.has(value) ? 'deny' : DEV_WORDS.has(value) ? 'allow' : undefined;
    else if (namePolarity(mod, other) === 'allow') p = TRUE_WORDS.has(value) ? 'allow' : FALSE_WORDS.has(value) ? 'deny' : undefined;
    return negated ? flip(p) : p;
  }
  if (isCall(n)) {
    const callee = chainText(n.callee) ?? '';
    if (callee === 'Boolean' && n.arguments[0]) return polarity(mod, n.arguments[0] as t.Node);
    if (isMember(n.callee) && memberName(n.callee) === 'includes' && n.arguments[0] && mentionsEnvironment(mod, n.arguments[0] as t.Node)) {
      const list = unwrap(n.callee.object);
      if (list.type !== 'ArrayExpression') return undefined;
      const values = list.elements.map((e) => (e ? stringValue(e)?.toLowerCase() : undefined));
      if (values.every((v) => v !== undefined && DEV_WORDS.has(v))) return 'allow';
      if (values.every((v) => v !== undefined && PROD_WORDS.has(v))) return 'deny';
    }
    return undefined;
  }
  return namePolarity(mod, n);
}

/** What a flag's name says: `isProduction` → deny; `isDev`, `ENABLE_INSPECTOR`, `config.inspector.enabled` → allow. */
function namePolarity(mod: Module, node: t.Node): Polarity {
  const text = envNameOf(mod, node) ?? nodeText(node);
  if (!text) return undefined;
  if (/is_?prod(?:uction)?\b|^prod(?:uction)?$|is_?production/i.test(text)) return 'deny';
  if (/is_?dev(?:elopment)?|is_?local|debug|inspector|dev_?tools|enable|enabled$/i.test(text)) return 'allow';
  return undefined;
}

function mentionsEnvironment(mod: Module, node: t.Node): boolean {
  const n = unwrap(node);
  const env = envNameOf(mod, n);
  if (env) return ENV_NAME.test(env);
  const text = chainText(n);
  return text !== undefined && ENV_NAME.test(text.split('.').pop() ?? '');
}
