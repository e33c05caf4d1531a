/**
 * The shutdown budget: how long the service waits between SIGTERM and its exit — the timers and timeout options of
 * its SIGTERM handlers (and of the functions they call), the timeouts shutdown helpers are given or default to
 * (terminus, close-with-grace, http-terminator, lightship, …), else the defaults of shutdown-wait env variables — and
 * that budget under a deployment's environment (budgetUnder).
 */
import type * as t from '@babel/types';
import { chainText, isCall, keyName, unwrap, walk } from '../../parsers/source.ts';
import type { Loc } from '../../types.ts';
import { parseDuration } from '../quantities.ts';
import type { PackageCode } from './code.ts';
import { callsIn, envNameOf, numberOf, objectProp } from './expressions.ts';
import type { Module } from './module.ts';
import type { SignalSite } from './signals.ts';
import type { EnvRead, Service, ShutdownBudget, ShutdownWait } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

/** Helpers that shut down on their own, with their option key and default wait (ms). */
const SHUTDOWN_HELPER_CALLS: Record<string, { option: string; defaultMs: number; optionArg: number }> = {
  '@godaddy/terminus:createTerminus': { option: 'timeout', defaultMs: 1000, optionArg: 1 },
  'close-with-grace:': { option: 'delay', defaultMs: 10_000, optionArg: 0 },
  'http-terminator:createHttpTerminator': { option: 'gracefulTerminationTimeout', defaultMs: 1000, optionArg: 0 },
  'http-graceful-shutdown:': { option: 'timeout', defaultMs: 30_000, optionArg: 1 },
  'lightship:createLightship': { option: 'gracefulShutdownTimeout', defaultMs: 60_000, optionArg: 0 },
};

/** Shutdown waits from env defaults: `SHUTDOWN_TIMEOUT_MS`, `GRACEFUL_SHUTDOWN_SECONDS`. */
const SHUTDOWN_ENV = /(?:SHUTDOWN|GRACE|DRAIN|TERMINAT)\w*(?:TIMEOUT|DELAY|PERIOD|MS|SECONDS?|SECS?)|(?:TIMEOUT|DELAY)\w*(?:SHUTDOWN|GRACE|DRAIN)/;

/** A variable that holds a shutdown wait: `SHUTDOWN_TIMEOUT_MS`, `GRACEFUL_SHUTDOWN_SECONDS`, `DRAIN_DELAY`. */
export function isShutdownEnv(name: string): boolean {
  return SHUTDOWN_ENV.test(name);
}

/** A duration an env variable gives, in ms: units written (`30s`), else by its name (`_SECONDS`, `_MS`), else seconds below 1000. */
export function envDurationMs(name: string, value: string): number | undefined {
  const text = value.trim();
  if (!/^\d+(?:\.\d+)?$/.test(text)) return /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(text) ? parseDuration(text) : undefined;
  const n = Number(text);
  return /SECONDS?$|SECS?$|_S$/.test(name) || (!/MS$/.test(name) && n < 1000) ? n * 1000 : n;
}

/** The earliest forced exit when there is one, else the sum of the waits; undefined when nothing waits. */
function budgetOf(waits: readonly ShutdownWait[]): number | undefined {
  const forced = waits.filter((w) => w.kind === 'forced-exit').map((w) => w.ms);
  return forced.length > 0 ? Math.min(...forced) : waits.length > 0 ? waits.reduce((sum, w) => sum + w.ms, 0) : undefined;
}

/**
 * The shutdown budget under a deployment's environment: a wait read from a variable the environment sets
 * takes its value (scaled as the code scales its fallback: `(Number(process.env.S) || 30) * 1000`); a
 * shutdown variable no wait is tied to counts as a wait when the code reads it elsewhere or waits on nothing.
 */
export function budgetUnder(service: Service, envValue: (name: string) => { value: string; loc: Loc } | undefined, envNames: Iterable<string>): ShutdownBudget {
  const tied = new Set<string>();
  const waits = service.shutdown.waits.map((w): ShutdownWait => {
    if (!w.env) return w;
    tied.add(w.env.name);
    const set = envValue(w.env.name);
    const direct = set && envDurationMs(w.env.name, set.value);
    if (!set || direct === undefined) return w;
    const scaled = w.env.fallback && /^\d+(?:\.\d+)?$/.test(set.value.trim()) ? (w.ms * Number(set.value)) / w.env.fallback : direct;
    return { ...w, ms: scaled, loc: set.loc, kind: w.kind === 'forced-exit' ? w.kind : 'env' };
  });
  const reads = new Set(service.envReads.map((r) => r.name));
  for (const name of envNames) {
    if (tied.has(name) || !isShutdownEnv(name) || !(reads.has(name) || service.shutdown.waits.length === 0)) continue;
    const set = envValue(name);
    const ms = set && envDurationMs(name, set.value);
    if (set && ms !== undefined) waits.push({ ms, loc: set.loc, kind: 'env', env: { name } });
  }
  return { waits, budgetMs: budgetOf(waits) };
}

/** The waits shutdown helpers are given (their timeout option) or default to. */
export class ShutdownHelpers implements Extractor {
  readonly waits: ShutdownWait[] = [];

  call(mod: Module, { node, target, args }: Call): void {
    const helper = target && SHUTDOWN_HELPER_CALLS[`${target.module}:${target.path}`];
    if (!helper) return;
    const options = args[helper.optionArg];
    const option = objectProp(options, helper.option);
    const ms = option ? numberOf(mod, option.value) : undefined;
    this.waits.push(ms !== undefined && option ? { ms, loc: mod.loc(option), kind: 'option', env: envSourceOf(mod, option.value) } : { ms: helper.defaultMs, loc: mod.loc(node), kind: 'helper-default' });
  }
}

/** The service's budget: the waits of its SIGTERM handlers and of its shutdown helpers, else its shutdown env variables' defaults. */
export function shutdownBudget(code: PackageCode, signalSites: readonly SignalSite[], helperWaits: readonly ShutdownWait[], envReads: readonly EnvRead[]): ShutdownBudget {
  const waits: ShutdownWait[] = [];
  const seen = new Set<t.Node>();
  for (const site of signalSites) {
    if (site.signal === 'SIGTERM' && site.handler) waitsIn(code, site.mod, site.handler, waits, seen);
  }
  waits.push(...helperWaits);
  if (waits.length === 0) {
    for (const read of envReads) {
      if (!SHUTDOWN_ENV.test(read.name) || read.defaultValue === undefined) continue;
      const value = Number(read.defaultValue);
      const ms = envDurationMs(read.name, read.defaultValue);
      if (!Number.isFinite(value) || ms === undefined) continue;
      waits.push({ ms, loc: read.loc, kind: 'env-default', env: { name: read.name, fallback: value } });
    }
  }
  return { waits, budgetMs: budgetOf(waits) };
}

/** The waits a SIGTERM handler makes: timers, timeout options, and those of the functions it calls (a few levels deep). */
function waitsIn(code: PackageCode, mod: Module, fn: t.Node, out: ShutdownWait[], seen: Set<t.Node>): void {
  if (seen.has(fn) || seen.size > 20) return;
  seen.add(fn);
  walk(fn, (n) => {
    if (isCall(n)) {
      const callee = unwrap(n.callee);
      const args = n.arguments as t.Node[];
      const target = mod.target(callee);
      const name = chainText(callee) ?? '';
      if (name === 'setTimeout' && target === undefined && args[1]) {
        const ms = numberOf(mod, args[1]);
        const forced = args[0] !== undefined && callsIn(args[0]).some((c) => /^process\.(?:exit|kill|abort)$/.test(c));
        if (ms !== undefined) out.push({ ms, loc: mod.loc(args[1]), kind: forced ? 'forced-exit' : 'timer', env: envSourceOf(mod, args[1]) });
      } else if (target?.module === 'timers/promises' && target.path === 'setTimeout' && args[0]) {
        const ms = numberOf(mod, args[0]);
        if (ms !== undefined) out.push({ ms, loc: mod.loc(args[0]), kind: 'timer', env: envSourceOf(mod, args[0]) });
      }
      if (callee.type === 'Identifier') {
        const found = code.functionNamed(mod, callee.name);
        if (found) waitsIn(code, found.mod, found.fn, out, seen);
      }
    }
    if (n.type === 'ObjectProperty') {
      const key = keyName(n.key, n.computed) ?? '';
      if (/timeout|delay|grace/i.test(key)) {
        const value = numberOf(mod, n.value);
        if (value !== undefined) out.push({ ms: /seconds?$|secs?$/i.test(key) ? value * 1000 : value, loc: mod.loc(n), kind: 'option', env: envSourceOf(mod, n.value) });
      }
    }
  });
}

/** The env variable a number is read from, with the code's literal fallback: `Number(process.env.X) || 10000`, `const t = (+process.env.X || 5) * 1000`. */
function envSourceOf(mod: Module, node: t.Node | null | undefined, depth = 0): ShutdownWait['env'] {
  if (!node || depth > 6) return undefined;
  const n = unwrap(node);
  const name = envNameOf(mod, n);
  if (name) return { name };
  if (n.type === 'Identifier') return envSourceOf(mod, mod.inits.get(n.name), depth + 1);
  if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) {
    const left = envSourceOf(mod, n.left, depth + 1);
    return left && { name: left.name, fallback: left.fallback ?? numberOf(mod, n.right) };
  }
  if (n.type === 'BinaryExpression') return envSourceOf(mod, n.left as t.Node, depth + 1) ?? envSourceOf(mod, n.right, depth + 1);
  if (isCall(n) && ['Number', 'parseInt', 'parseFloat'].includes(chainText(n.callee) ?? '')) return envSourceOf(mod, n.arguments[0] as t.Node, depth + 1);
  if (n.type === 'UnaryExpression' && n.operator === '+') return envSourceOf(mod, n.argument, depth + 1);
  return undefined;
}
