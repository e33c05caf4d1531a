/** Reading parsed YAML nodes: their positions (a node's `range` as a Loc) and typed access to mapping values. */
import { isMap, isPair, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Loc, SourceFile } from '../types.ts';
import { lineStarts, positionAt } from './line-starts.ts';

/** Where a YAML node is written, from its range `[start, valueEnd, nodeEnd]`. */
export type RangeLoc = (range: readonly [number, number, number] | null | undefined) => Loc;

export function yamlLocator(source: SourceFile): RangeLoc {
  const starts = lineStarts(source.text);
  return (range) => {
    const start = positionAt(starts, range?.[0] ?? 0);
    const end = range ? positionAt(starts, range[1]) : start;
    return { file: source.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
}

/** The pair of a mapping whose key is the scalar `key`. */
export function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  return map.items.find((p): p is Pair<Node, Node | null> => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
}

/** A scalar's value as a string (numbers and booleans as written in JS); undefined for other nodes and null. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
  return String(node.value);
}

/** The mapping at a path of keys below `map`. */
export function mapAt(map: unknown, ...keys: string[]): YAMLMap | undefined {
  let node: unknown = map;
  for (const key of keys) node = isMap(node) ? pairOf(node, key)?.value : undefined;
  return isMap(node) ? node : undefined;
}

/** The scalar string at a path of keys below `map`. */
export function stringAt(map: unknown, ...keys: string[]): string | undefined {
  const last = keys.at(-1);
  const parent = keys.length > 1 ? mapAt(map, ...keys.slice(0, -1)) : isMap(map) ? map : undefined;
  return parent && last ? scalarString(pairOf(parent, last)?.value) : undefined;
}
