/**
 * A read-only view over a parsed YAML document for the manifest parsers: typed access by key, aliases
 * followed, merge keys (`<<: *defaults`, `<<: [*a, *b]`) resolved the way compose and YAML 1.1 resolve
 * them (explicit keys win, earlier merged maps win over later ones), and 1-based positions from the
 * yaml package's node ranges (src/parsers/yaml-loc.ts).
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Loc, SourceFile } from '../types.ts';
import { type RangeLoc, yamlLocator } from './yaml-loc.ts';

/** One file's documents with the line index their positions are computed from (shared by every view of the file). */
export class YamlFile {
  readonly path: string;
  private readonly locate: RangeLoc;
  constructor(
    readonly file: SourceFile,
    readonly documents: readonly Document.Parsed[],
  ) {
    this.path = file.path;
    this.locate = yamlLocator(file);
  }

  loc(start: number, end: number): Loc {
    return this.locate([start, Math.max(start, end), Math.max(start, end)]);
  }

  /** The root view of each document (documents without content are skipped). */
  roots(): YamlView[] {
    return this.documents.filter((d) => d.contents !== null).map((d) => new YamlView(this, d, d.contents as Node, undefined));
  }
}

const MAX_MERGE_DEPTH = 20;

/** A node of a document, reached by key or index. `key` is the key node it was reached by, when any. */
export class YamlView {
  constructor(
    readonly yaml: YamlFile,
    readonly doc: Document.Parsed,
    readonly node: Node | null,
    readonly key: Node | undefined,
  ) {}

  private resolved(): Node | null {
    let node = this.node;
    for (let i = 0; i < MAX_MERGE_DEPTH && node && isAlias(node); i++) node = (node.resolve(this.doc) as Node | undefined) ?? null;
    return node && isAlias(node) ? null : node;
  }

  /** Span of the value; of the key when the value is empty (`healthcheck:` with nothing after it). */
  get loc(): Loc {
    const node = this.node;
    const range = node?.range;
    if (range && (range[1] > range[0] || !this.key)) return this.yaml.loc(range[0], range[1]);
    return this.keyLoc;
  }

  /** Span of the key this value was reached by (of the value for sequence items and roots). */
  get keyLoc(): Loc {
    const range = this.key?.range ?? this.node?.range;
    return range ? this.yaml.loc(range[0], range[1]) : this.yaml.loc(0, 0);
  }

  get isMap(): boolean {
    return isMap(this.resolved());
  }

  get isSeq(): boolean {
    return isSeq(this.resolved());
  }

  get isScalar(): boolean {
    return isScalar(this.resolved());
  }

  /** The scalar's value as a string (numbers and booleans as written); undefined for null, maps and sequences. */
  get string(): string | undefined {
    const node = this.resolved();
    if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
    if (typeof node.value === 'string') return node.value;
    return node.source !== undefined && (typeof node.value === 'number' || typeof node.value === 'boolean') ? node.source : String(node.value);
  }

  get number(): number | undefined {
    const node = this.resolved();
    if (!isScalar(node)) return undefined;
    if (typeof node.value === 'number') return node.value;
    if (typeof node.value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(node.value)) return Number(node.value);
    return undefined;
  }

  get boolean(): boolean | undefined {
    const node = this.resolved();
    if (!isScalar(node)) return undefined;
    if (typeof node.value === 'boolean') return node.value;
    if (typeof node.value === 'string') {
      const v = node.value.toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
    }
    return undefined;
  }

  /** True for an explicit null or an empty value. */
  get isNull(): boolean {
    const node = this.resolved();
    return node === null || (isScalar(node) && (node.value === null || node.value === undefined));
  }

  /** Entries of a mapping, merge keys resolved; empty for anything else. */
  entries(): [string, YamlView][] {
    const out = new Map<string, YamlView>();
    this.collect(this.resolved(), out, 0, true);
    return [...out];
  }

  private collect(node: Node | null, out: Map<string, YamlView>, depth: number, explicit: boolean): void {
    if (!isMap(node) || depth > MAX_MERGE_DEPTH) return;
    const merged: Node[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? keyNode : undefined;
      if (!key) continue;
      const name = key.value === null || key.value === undefined ? '' : String(key.value);
      if (name === '<<' && (key as Scalar).type === 'PLAIN') {
        const value = pair.value as Node | null;
        if (isSeq(value)) for (const item of value.items) merged.push(item as Node);
        else if (value) merged.push(value);
        continue;
      }
      // Explicit keys override merged ones; a later explicit duplicate wins, as in most loaders.
      if (explicit || !out.has(name)) out.set(name, new YamlView(this.yaml, this.doc, (pair.value as Node | null) ?? null, keyNode ?? undefined));
    }
    for (const m of merged) {
      let target: Node | null = m;
      for (let i = 0; i < MAX_MERGE_DEPTH && target && isAlias(target); i++) target = (target.resolve(this.doc) as Node | undefined) ?? null;
      const sub = new Map<string, YamlView>();
      this.collect(target, sub, depth + 1, true);
      for (const [k, v] of sub) if (!out.has(k)) out.set(k, v);
    }
  }

  get(key: string): YamlView | undefined {
    const node = this.resolved();
    if (!isMap(node)) return undefined;
    return this.entries().find(([k]) => k === key)?.[1];
  }

  /** Follows a path of keys. */
  at(...keys: string[]): YamlView | undefined {
    let view: YamlView | undefined = this;
    for (const k of keys) view = view?.get(k);
    return view;
  }

  /** Items of a sequence; empty for anything else. */
  items(): YamlView[] {
    const node = this.resolved();
    if (!isSeq(node)) return [];
    return node.items.map((item) => new YamlView(this.yaml, this.doc, (item as Node | null) ?? null, undefined));
  }

  /** Strings of a sequence of scalars, or a single scalar as one string. */
  strings(): string[] {
    if (this.isSeq) return this.items().flatMap((i) => (i.string === undefined ? [] : [i.string]));
    const s = this.string;
    return s === undefined ? [] : [s];
  }

  /** A mapping of scalars as a record of strings (labels, selectors, logging options). */
  record(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.entries()) {
      const s = v.string;
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
}
