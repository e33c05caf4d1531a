/**
 * JavaScript/TypeScript source → a Babel AST (never run). Babel recovers from what it can; a file it
 * cannot parse even then throws with the position Babel gives (→ shipready/parse-error). Oversized and
 * minified files are skipped: they are bundles, not the service's own code.
 */
import { type ParserPlugin, parse } from '@babel/parser';
import type * as t from '@babel/types';
import type { Loc, SourceFile } from '../types.ts';

/** Larger files are generated or vendored, not the service's own code. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
const MINIFIED_LINE = 2000;
const MINIFIED_AVERAGE = 250;

export interface SourceModule {
  file: string;
  program: t.Program;
}

/**
 * The plugin sets to try, in order. Legacy decorators are what TypeScript (experimentalDecorators) and NestJS
 * write, parameter decorators included; the standard decorators plugin also takes a decorator on a computed
 * member (`@IsString() [Kind.X]: string`), which the legacy one rejects. Plain JavaScript may be Flow
 * (`import type`, annotations) without a `@flow` pragma.
 */
function pluginSetsFor(path: string): ParserPlugin[][] {
  const lower = path.toLowerCase();
  if (/\.[cm]?ts$/.test(lower)) return [['typescript', 'decorators-legacy'], ['typescript', 'decorators']];
  if (lower.endsWith('.tsx')) return [['typescript', 'jsx', 'decorators-legacy'], ['typescript', 'jsx', 'decorators']];
  return [['jsx', 'decorators-legacy'], ['jsx', 'flow', 'decorators-legacy']];
}

/** True for bundles and minified output: a name that says so, or very long lines. */
export function looksMinified(file: SourceFile): boolean {
  if (/\.min\.[cm]?js$/i.test(file.path)) return true;
  if (file.lines.length === 0) return false;
  const longest = file.lines.reduce((max, line) => Math.max(max, line.length), 0);
  return longest > MINIFIED_LINE && file.text.length / file.lines.length > MINIFIED_AVERAGE;
}

/**
 * A redeclaration (`Label 'k' is already declared`, `Identifier 'x' has already been declared`) is a SyntaxError
 * Node raises too: the file does not load. Babel's recovery reports it once for every earlier declaration of the
 * name, so 1,600 nested duplicate labels (4.8 KB) make over a million errors and gigabytes: such a file is a parse
 * error, not a file to recover.
 */
const REDECLARATION = /already (?:been )?declared/;

/** Parses a source file; undefined when it is skipped (too large or minified). Throws with line/column. */
export function parseSource(file: SourceFile): SourceModule | undefined {
  if (file.text.length > MAX_SOURCE_BYTES || looksMinified(file)) return undefined;
  const attempt = (plugins: ParserPlugin[], errorRecovery: boolean) =>
    parse(file.text, {
      sourceType: 'unambiguous',
      errorRecovery,
      // No rule reads comments (suppressions are found separately): attaching them only allocates.
      attachComment: false,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowUndeclaredExports: true,
      plugins,
    });
  let first: unknown;
  // Valid code parses without recovery with one of the plugin sets; recovery is for the rest, unless its error multiplies.
  for (const recovery of [false, true]) {
    for (const plugins of pluginSetsFor(file.path)) {
      try {
        return { file: file.path, program: attempt(plugins, recovery).program };
      } catch (error) {
        first ??= error;
      }
    }
    if (REDECLARATION.test((first as Error | undefined)?.message ?? '')) break;
  }
  // Valid code parses with one of the plugin sets: the first set's error is the one to show.
  const e = first as Error & { loc?: { line: number; column: number } };
  const message = e.message.replace(/\s*\(\d+:\d+\)$/, '');
  throw Object.assign(new Error(message), e.loc ? { line: e.loc.line, column: e.loc.column + 1 } : {});
}

/** A node's location (Babel: 1-based lines, 0-based columns) as a shipready Loc. */
export function locOf(file: string, node: t.Node): Loc {
  const loc = node.loc;
  if (!loc) return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { file, line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
}

const SKIPPED_KEYS = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'errors', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'superTypeParameters']);

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The child nodes of a node, in source order (type annotations skipped: they carry no runtime facts). */
export function childrenOf(node: t.Node): t.Node[] {
  const out: t.Node[] = [];
  for (const key of Object.keys(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/**
 * Visits every node depth-first with its ancestors (nearest last). Iterative, so deeply nested
 * generated code cannot overflow the stack.
 */
export function walk(root: t.Node, visit: (node: t.Node, ancestors: readonly t.Node[]) => void): void {
  const ancestors: t.Node[] = [];
  const stack: { node: t.Node; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: t.Node; depth: number };
    ancestors.length = depth;
    visit(node, ancestors);
    ancestors.push(node);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as t.Node, depth: depth + 1 });
  }
}

/** Strips TypeScript wrappers and parentheses that do not change a value (`x as T`, `x!`, `(x)`). */
export function unwrap(node: t.Node): t.Node {
  let n = node;
  while (
    n.type === 'TSAsExpression' ||
    n.type === 'TSNonNullExpression' ||
    n.type === 'TSSatisfiesExpression' ||
    n.type === 'TSTypeAssertion' ||
    n.type === 'ParenthesizedExpression'
  ) {
    n = n.expression;
  }
  return n;
}

/** The value of a string literal or a template without substitutions. */
export function stringValue(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

export type MemberNode = t.MemberExpression | t.OptionalMemberExpression;
export type CallNode = t.CallExpression | t.OptionalCallExpression | t.NewExpression;
export type FunctionNode = t.FunctionDeclaration | t.FunctionExpression | t.ArrowFunctionExpression | t.ObjectMethod | t.ClassMethod | t.ClassPrivateMethod;

export function isMember(node: t.Node | null | undefined): node is MemberNode {
  return node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression';
}

export function isCall(node: t.Node | null | undefined): node is CallNode {
  return node?.type === 'CallExpression' || node?.type === 'OptionalCallExpression' || node?.type === 'NewExpression';
}

export function isFunction(node: t.Node | null | undefined): node is FunctionNode {
  const type = node?.type;
  return type === 'FunctionDeclaration' || type === 'FunctionExpression' || type === 'ArrowFunctionExpression' || type === 'ObjectMethod' || type === 'ClassMethod' || type === 'ClassPrivateMethod';
}

/** The property name of `a.b` or `a['b']`. */
export function memberName(node: MemberNode): string | undefined {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return stringValue(node.property);
}

/** The static name of an object or class key. */
export function keyName(key: t.Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'NumericLiteral') return String(key.value);
  return stringValue(key);
}

/** `a.b.c` for identifier/member chains (`this` included), undefined for anything else. */
export function chainText(node: t.Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (isMember(n)) {
    const object = chainText(n.object);
    const name = memberName(n);
    return object !== undefined && name !== undefined ? `${object}.${name}` : undefined;
  }
  return undefined;
}
