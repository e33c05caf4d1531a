/**
 * Crash handlers: `process.on('uncaughtException' | 'unhandledRejection', …)` and what the handler does — exits,
 * rethrows or shuts down (following the functions it calls, a few levels deep), only logs, or swallows the error — and
 * `uncaughtExceptionMonitor`, after which Node's own crash goes on.
 */
import type * as t from '@babel/types';
import { chainText, type FunctionNode, isCall, unwrap, walk } from '../../parsers/source.ts';
import type { PackageCode } from './code.ts';
import type { Module } from './module.ts';
import { processListener } from './signals.ts';
import type { CrashHandler } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

export class CrashHandlers implements Extractor {
  readonly handlers: CrashHandler[] = [];

  constructor(private readonly code: PackageCode) {}

  call(mod: Module, call: Call, ancestors: readonly t.Node[]): void {
    const listener = processListener(this.code, mod, call, ancestors);
    const handler = listener?.handler;
    for (const event of listener?.events ?? []) {
      if (event === 'uncaughtException' || event === 'unhandledRejection') {
        this.handlers.push({ event, loc: mod.loc(call.node), outcome: handler ? this.crashOutcome(handler.mod, handler.node) : 'exits' });
      } else if (event === 'uncaughtExceptionMonitor') {
        // A monitor observes the error and Node's default crash goes on: log, then exit.
        this.handlers.push({ event: 'uncaughtException', loc: mod.loc(call.node), outcome: 'exits' });
      }
    }
  }

  private crashOutcome(mod: Module, fn: FunctionNode): CrashHandler['outcome'] {
    const body = fn.body;
    if (body.type === 'BlockStatement' && body.body.length === 0) return 'empty';
    return this.exitsIn(mod, fn, new Set()) ? 'exits' : 'logs-only';
  }

  /** Whether a function exits, rethrows or shuts down (following the functions it calls, a few levels deep). */
  private exitsIn(mod: Module, fn: t.Node, seen: Set<t.Node>): boolean {
    if (seen.has(fn) || seen.size > 8) return false;
    seen.add(fn);
    let exits = false;
    walk(fn, (n) => {
      if (exits) return;
      if (n.type === 'ThrowStatement') exits = true;
      else if (n.type === 'AssignmentExpression' && chainText(n.left) === 'process.exitCode') exits = true;
      else if (isCall(n)) {
        const text = chainText(n.callee) ?? '';
        if (/^process\.(?:exit|kill|abort)$/.test(text) || /shutdown|exit|terminate|kill|crash|die|abort|stop|close/i.test(text.split('.').pop() ?? '')) exits = true;
        const callee = unwrap(n.callee);
        if (callee.type === 'Identifier') {
          const found = this.code.functionNamed(mod, callee.name);
          if (found && this.exitsIn(found.mod, found.fn, seen)) exits = true;
        }
      }
    });
    return exits;
  }
}
