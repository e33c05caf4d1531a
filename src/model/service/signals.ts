/**
 * Signal handlers: `process.on('SIGTERM', …)` — a signal written as a literal, or each of a loop or forEach over
 * literals — with what its handler calls, and helpers given the signals to handle (`cleanupOnSignals('SIGINT',
 * 'SIGTERM')`). Where each signal is handled is kept with the handler's function (sites), for the shutdown budget.
 * processListener() reads a `process.on(event, handler)` call for crash-handlers.ts too.
 */
import type * as t from '@babel/types';
import { type FunctionNode, isCall, isFunction, isMember, memberName, stringValue, unwrap } from '../../parsers/source.ts';
import type { PackageCode } from './code.ts';
import { callsIn } from './expressions.ts';
import type { Module } from './module.ts';
import type { SignalHandler } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

/** Helpers that take signal names to handle (`cleanupOnSignals`, `gracefulShutdown`, `onExitSignals`); never `kill`. */
const SIGNAL_HELPER = /signals?|shutdown|graceful|terminat|exithook|onexit|cleanup/i;
const SIGNAL_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** `'SIGTERM'` or `['SIGINT', 'SIGTERM']` as written in a call's arguments. */
function signalLiterals(node: t.Node): string[] {
  const n = unwrap(node);
  const values = n.type === 'ArrayExpression' ? n.elements.map((e) => (e && e.type !== 'SpreadElement' ? stringValue(e) : undefined)) : [stringValue(n)];
  return values.filter((v): v is string => v === 'SIGTERM' || v === 'SIGINT' || v === 'SIGHUP' || v === 'SIGQUIT');
}

function receiverIsProcess(callee: t.Node): boolean {
  return isMember(callee) && unwrap(callee.object).type === 'Identifier' && (unwrap(callee.object) as t.Identifier).name === 'process';
}

export interface SignalSite {
  mod: Module;
  signal: string;
  handler?: t.Node;
}

/** A `process.on(event, handler)` call (or once, addListener, …): the events it names and its handler's function, when the code shows it. */
export function processListener(code: PackageCode, mod: Module, { receiver, method, args }: Call, ancestors: readonly t.Node[]): { events: string[]; handler?: { mod: Module; node: FunctionNode } } | undefined {
  if (receiver?.type !== 'Identifier' || receiver.name !== 'process' || method === undefined || !SIGNAL_METHODS.has(method)) return undefined;
  return { events: signalNames(args[0], ancestors), handler: args[1] ? handlerBody(code, mod, args[1]) : undefined };
}

/** The signal names of `process.on(X, …)`: a literal, or the variable of a loop/forEach over literals. */
function signalNames(arg: t.Node | undefined, ancestors: readonly t.Node[]): string[] {
  if (!arg) return [];
  const literal = stringValue(arg);
  if (literal !== undefined) return [literal];
  const n = unwrap(arg);
  if (n.type !== 'Identifier') return [];
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i] as t.Node;
    let list: t.Node | undefined;
    if (a.type === 'ForOfStatement' && a.left.type === 'VariableDeclaration' && a.left.declarations[0]?.id.type === 'Identifier' && a.left.declarations[0].id.name === n.name) list = a.right;
    if (isFunction(a) && a.params[0]?.type === 'Identifier' && a.params[0].name === n.name) {
      const call = ancestors[i - 1];
      if (call && isCall(call) && isMember(call.callee) && memberName(call.callee) === 'forEach') list = call.callee.object;
    }
    if (list) {
      const l = unwrap(list);
      return l.type === 'ArrayExpression' ? l.elements.flatMap((e) => (e && stringValue(e) !== undefined ? [stringValue(e) as string] : [])) : [];
    }
  }
  return [];
}

/** A handler's function node: inline, or a function it names (in this file or imported). */
function handlerBody(code: PackageCode, mod: Module, handler: t.Node): { mod: Module; node: FunctionNode } | undefined {
  const n = unwrap(handler);
  if (isFunction(n)) return { mod, node: n };
  if (n.type === 'Identifier') {
    const found = code.functionNamed(mod, n.name);
    return found ? { mod: found.mod, node: found.fn } : undefined;
  }
  // handler.bind(x), () => shutdown() are covered; a call returning a handler (`makeShutdown(server)`) is unknown
  return undefined;
}

export class Signals implements Extractor {
  readonly handlers: SignalHandler[] = [];
  /** Where each signal is handled, with the handler's function when the code shows it. */
  readonly sites: SignalSite[] = [];

  constructor(private readonly code: PackageCode) {}

  call(mod: Module, call: Call, ancestors: readonly t.Node[]): void {
    const { node, callee, method, name: calleeName, args } = call;
    // `shutdown.cleanupOnSignals('SIGINT', 'SIGTERM')`, `onSignals(['SIGTERM'], close)`: a helper given the signals to handle.
    // Inside a `process.on(signal, …)` handler, such a call is what the handler does, not a handler of its own.
    const inHandler = () => ancestors.some((a) => isCall(a) && receiverIsProcess(a.callee) && SIGNAL_METHODS.has((isMember(a.callee) && memberName(a.callee)) || ''));
    if (calleeName !== undefined && SIGNAL_HELPER.test(calleeName) && !(receiverIsProcess(callee) && SIGNAL_METHODS.has(method ?? '')) && !inHandler()) {
      for (const signal of args.flatMap((a) => signalLiterals(a))) this.handlers.push({ signal, loc: mod.loc(node), calls: [calleeName] });
    }
    const listener = processListener(this.code, mod, call, ancestors);
    const handler = listener?.handler;
    for (const signal of listener?.events ?? []) {
      if (!signal.startsWith('SIG')) continue;
      this.handlers.push({ signal, loc: mod.loc(node), calls: handler ? callsIn(handler.node) : [] });
      this.sites.push({ mod: handler?.mod ?? mod, signal, handler: handler?.node });
    }
  }
}
