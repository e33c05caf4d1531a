/**
 * Expression helpers several extractors share: the text of a callee or chain, an object literal's property, a block's
 * statements, the env variable an expression reads, the number it evaluates to, and the calls a function makes.
 */
import type * as t from '@babel/types';
import { chainText, isCall, isMember, keyName, memberName, stringValue, unwrap, walk } from '../../parsers/source.ts';
import { isProcessEnv, type Module } from './module.ts';

export function nodeText(node: t.Node): string | undefined {
  const n = unwrap(node);
  if (isCall(n)) return chainText(n.callee);
  return chainText(n);
}

export function objectProp(node: t.Node | undefined, name: string): t.ObjectProperty | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type !== 'ObjectExpression') return undefined;
  return n.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && keyName(p.key, p.computed) === name);
}

export function statementsOf(body: t.Node): t.Node[] {
  const n = unwrap(body);
  if (n.type === 'BlockStatement') return n.body;
  return [n];
}

/** The env variable an expression reads directly (`process.env.PORT`, `env.PORT`). */
export function envNameOf(mod: Module, node: t.Node): string | undefined {
  const n = unwrap(node);
  return isMember(n) && isProcessEnv(n.object, mod) ? memberName(n) : undefined;
}

/** A number an expression evaluates to without running anything: literals, arithmetic, constants, env fallbacks. */
export function numberOf(mod: Module, node: t.Node | null | undefined, depth = 0): number | undefined {
  if (!node || depth > 6) return undefined;
  const n = unwrap(node);
  if (n.type === 'NumericLiteral') return n.value;
  const s = stringValue(n);
  if (s !== undefined) return s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined;
  if (n.type === 'Identifier') return numberOf(mod, mod.inits.get(n.name), depth + 1);
  if (n.type === 'BinaryExpression') {
    const l = numberOf(mod, n.left as t.Node, depth + 1);
    const r = numberOf(mod, n.right, depth + 1);
    if (l === undefined || r === undefined) return undefined;
    if (n.operator === '*') return l * r;
    if (n.operator === '+') return l + r;
    if (n.operator === '-') return l - r;
    if (n.operator === '/' && r !== 0) return l / r;
    return undefined;
  }
  if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) return numberOf(mod, n.left, depth + 1) ?? numberOf(mod, n.right, depth + 1);
  if (isCall(n) && ['Number', 'parseInt', 'parseFloat'].includes(chainText(n.callee) ?? '')) return numberOf(mod, n.arguments[0] as t.Node, depth + 1);
  if (n.type === 'UnaryExpression' && n.operator === '+') return numberOf(mod, n.argument, depth + 1);
  return undefined;
}

/** The calls a function makes, as written (`shutdown`, `server.close`), each once. */
export function callsIn(fn: t.Node): string[] {
  const out: string[] = [];
  walk(fn, (n) => {
    if (isCall(n)) {
      const text = chainText(n.callee);
      if (text && !out.includes(text)) out.push(text);
    }
  });
  return out;
}
