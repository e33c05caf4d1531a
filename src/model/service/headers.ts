/**
 * Headers the code sets by hand (`res.setHeader(name, value)`, `res.set({ name: value, … })`, `ctx.append`, …), and
 * the security headers extractor, which records explicit security headers (`Strict-Transport-Security`,
 * `Content-Security-Policy`, …). cors.ts reads `Access-Control-Allow-*` headers through headersSet() too.
 */
import type * as t from '@babel/types';
import { keyName, stringValue, unwrap } from '../../parsers/source.ts';
import type { Loc } from '../../types.ts';
import type { Module } from './module.ts';
import type { Call, Extractor } from './visitor.ts';

/** Methods that set a response header. */
export const HEADER_METHODS = new Set(['setHeader', 'header', 'set', 'append']);
const SECURITY_HEADERS = new Set(['strict-transport-security', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']);

/** The headers a header method's arguments set, names in lower case. */
export function headersSet(args: readonly t.Node[]): { name: string; nameNode: t.Node; value: t.Node | undefined }[] {
  // `res.set({ 'X-Frame-Options': 'DENY', … })`: every pair of the object is a header.
  const pairs = args[0] && unwrap(args[0]);
  if (pairs?.type === 'ObjectExpression') {
    const out: { name: string; nameNode: t.Node; value: t.Node | undefined }[] = [];
    for (const p of pairs.properties) {
      const name = p.type === 'ObjectProperty' ? keyName(p.key, p.computed) : undefined;
      if (name && p.type === 'ObjectProperty') out.push({ name: name.toLowerCase(), nameNode: p.key, value: p.value as t.Node });
    }
    return out;
  }
  const name = stringValue(args[0])?.toLowerCase();
  return name ? [{ name, nameNode: args[0] as t.Node, value: args[1] }] : [];
}

export class SecurityHeaders implements Extractor {
  readonly headers: Loc[] = [];

  call(mod: Module, { method, receiver, args }: Call): void {
    if (receiver === undefined || method === undefined || !HEADER_METHODS.has(method)) return;
    for (const { name, nameNode } of headersSet(args)) if (SECURITY_HEADERS.has(name)) this.headers.push(mod.loc(nameNode));
  }
}
