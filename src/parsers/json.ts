/**
 * JSON with positions: JSON.parse decides validity (what npm and Node accept) and gives the values; the `yaml`
 * package's parser (YAML 1.2 is a superset of JSON) gives every key and value a range, addressed by JSON pointer,
 * on the first ask for a position: most files are only read, and only a finding needs a place.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Loc, SourceFile } from '../types.ts';
import { lineStarts, positionAt } from './line-starts.ts';

export interface JsonWithPositions {
  value: unknown;
  /** Location of the value at a JSON pointer (`/scripts/test`); the key's location with `key: true`. */
  locate(pointer: string, options?: { key?: boolean }): Loc | undefined;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * JSON.parse's reason for a syntax error, without the characters around the error it quotes
 * (`Unexpected token 's', "{"a": sk-live-abc}" is not valid JSON`): they can be part of a secret value.
 */
export function jsonSyntaxReason(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/^(Unexpected token) '[^']*'/, '$1');
}

export function parseJsonWithPositions(file: SourceFile): JsonWithPositions {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const pos = at ? positionAt(lineStarts(file.text), Number(at[1])) : undefined;
    throw Object.assign(new Error(`invalid JSON: ${jsonSyntaxReason(message)}`), pos ?? {});
  }
  const lineCounter = new LineCounter();
  let doc: Document | undefined;
  const toLoc = (range: [number, number, number] | null | undefined): Loc | undefined => {
    if (!range) return undefined;
    const start = lineCounter.linePos(range[0]);
    const end = lineCounter.linePos(range[1]);
    return { file: file.path, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  const cache = new Map<string, Loc | undefined>();
  return {
    value,
    locate(pointer, options) {
      const cacheKey = `${options?.key ? 'k' : 'v'}${pointer}`;
      if (cache.has(cacheKey)) return cache.get(cacheKey);
      const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      doc ??= parseDocument(file.text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
      let node: Node | null | undefined = doc.contents as Node | null;
      let keyNode: Node | undefined;
      for (const segment of segments) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
          if (!pair) return undefined;
          keyNode = pair.key as Node;
          node = pair.value as Node | null;
        } else if (isSeq(node)) {
          keyNode = undefined;
          node = node.items[Number(segment)] as Node | undefined;
        } else return undefined;
      }
      const target = options?.key && keyNode ? keyNode : node;
      const loc = toLoc(target?.range ?? keyNode?.range);
      cache.set(cacheKey, loc);
      return loc;
    },
  };
}
