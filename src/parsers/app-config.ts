/**
 * Production app config (`config/production.json`, `config/prod.yaml`, … as node-config and convict read
 * them) → scalar settings flattened to dotted paths (`logging.level`, `cors.origin.0`) with positions.
 * JSON validity is JSON.parse's (what Node reads); positions come from the `yaml` parser for both
 * formats (YAML 1.2 is a superset of JSON).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, type Range } from 'yaml';
import type { Loc, SourceFile } from '../types.ts';
import { parseJsonWithPositions } from './json.ts';

export interface ConfigSetting {
  /** Dotted path: `logging.level`; sequence items are numbered: `cors.origin.0`. */
  path: string;
  /** The scalar as written for numbers and booleans (`0750`, `true`), the string itself for strings. */
  value: string;
  keyLoc: Loc;
  valueLoc: Loc;
}

export interface AppConfig {
  file: string;
  /** Every non-null scalar, in document order. */
  settings: ConfigSetting[];
}

/** Bounds alias and merge-key expansion: a config with more settings than this is not a config. */
const MAX_SETTINGS = 20_000;
const MAX_DEPTH = 64;

export function parseAppConfig(source: SourceFile): AppConfig {
  if (source.path.toLowerCase().endsWith('.json')) parseJsonWithPositions(source); // throws, with a position, when Node could not read it
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw Object.assign(new Error(error.message.split('\n')[0]), { line: pos?.line, column: pos?.col });
  }
  const toLoc = (range: Range): Loc => {
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(range[1]);
    return { file: source.path, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  const settings: ConfigSetting[] = [];

  /** `at` is where the value is written: an alias's own range rather than its anchor's. */
  const visit = (node: unknown, path: string, keyLoc: Loc, at: Range | undefined, depth: number): void => {
    if (depth > MAX_DEPTH || settings.length > MAX_SETTINGS) throw new Error(`${source.path}: nested too deeply or too many settings (alias expansion?)`);
    if (isAlias(node)) {
      visit(node.resolve(doc), path, keyLoc, at ?? node.range ?? undefined, depth + 1);
    } else if (isScalar(node)) {
      if (node.value === null || !node.range) return;
      const value = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
      settings.push({ path, value, keyLoc, valueLoc: toLoc(at ?? node.range) });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        // A merge key (`<<: *defaults`) puts the merged settings at this level.
        if (key === '<<') {
          for (const merged of isSeq(pair.value) ? pair.value.items : [pair.value]) visit(merged, path, keyLoc, undefined, depth + 1);
        } else visit(pair.value, path === '' ? key : `${path}.${key}`, toLoc(pair.key.range), undefined, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const itemLoc = (item as Node | null)?.range ? toLoc((item as Node).range as Range) : keyLoc;
        visit(item, path === '' ? String(index) : `${path}.${index}`, itemLoc, undefined, depth + 1);
      });
    }
  };
  const root = doc.contents;
  if (isMap(root)) visit(root, '', toLoc(root.range ?? [0, 0, 0]), undefined, 0);
  return { file: source.path, settings };
}
