/**
 * Structured logs: log records the code writes as JSON itself (`console.log(JSON.stringify({ level, msg, … }))`), one
 * record per line with a level and a message — a logger of its own.
 */
import type * as t from '@babel/types';
import { chainText, isCall, keyName, unwrap } from '../../parsers/source.ts';
import type { Loc } from '../../types.ts';
import type { Module } from './module.ts';
import type { Call, Extractor } from './visitor.ts';

/** Where a process writes log lines: the console, or its standard streams. */
const LOG_SINKS = /^(?:console\.(?:log|info|warn|error|debug)|process\.(?:stdout|stderr)\.write)$/;

/** `console.log(JSON.stringify({ time, level, msg }))`: one JSON record per line, with a level and a message. */
function isJsonLogRecord(callee: t.Node, args: readonly t.Node[]): boolean {
  if (!LOG_SINKS.test(chainText(callee) ?? '')) return false;
  const first = args[0] ? unwrap(args[0]) : undefined;
  if (!first || !isCall(first) || chainText(first.callee) !== 'JSON.stringify') return false;
  const record = first.arguments[0] ? unwrap(first.arguments[0] as t.Node) : undefined;
  if (record?.type !== 'ObjectExpression') return false;
  const keys = new Set(record.properties.flatMap((p) => (p.type === 'ObjectProperty' ? [keyName(p.key, p.computed) ?? ''] : [])));
  return (keys.has('level') || keys.has('severity')) && (keys.has('msg') || keys.has('message'));
}

export class StructuredLogs implements Extractor {
  readonly logs: Loc[] = [];

  call(mod: Module, { node, callee, args }: Call): void {
    if (isJsonLogRecord(callee, args)) this.logs.push(mod.loc(node));
  }
}
