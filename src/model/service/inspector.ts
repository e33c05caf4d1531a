/**
 * Inspector starts: `inspector.open()` (node:inspector, also loaded with `await import()`) and `startInspectorServer()`,
 * each with whether only development runs it (guards.ts).
 */
import type * as t from '@babel/types';
import type { CallNode } from '../../parsers/source.ts';
import type { PackageCode } from './code.ts';
import { guarded } from './guards.ts';
import type { Module } from './module.ts';
import type { InspectorStart } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

export class InspectorStarts implements Extractor {
  readonly starts: InspectorStart[] = [];

  constructor(private readonly code: PackageCode) {}

  call(mod: Module, { node, target, name }: Call, ancestors: readonly t.Node[]): void {
    if (target?.module === 'inspector' && target.path === 'open') this.inspector(mod, node, 'inspector.open', ancestors);
    if (name === 'startInspectorServer') this.inspector(mod, node, 'startInspectorServer', ancestors);
  }

  private inspector(mod: Module, node: CallNode, callee: string, ancestors: readonly t.Node[]): void {
    this.starts.push({ callee, loc: mod.loc(node), guarded: guarded(this.code, mod, node, ancestors, 0) });
  }
}
