/**
 * One parsed file, indexed by its one walk: imports (ES, CommonJS, `await import()`), the initialisers of its
 * variables, its functions and exports, aliases of `process.env`, the specifiers it loads, each node's parent, the
 * variables it tests for presence, and its nodes in walk order with the calls, declarators and conditions among them.
 * The extractors read the file through this index and a replay of the walk (replay()), never by walking it again.
 */
import type * as t from '@babel/types';
import { type CallNode, chainText, type FunctionNode, isCall, isFunction, isMember, keyName, locOf, memberName, stringValue, unwrap, walk } from '../../parsers/source.ts';
import type { Loc } from '../../types.ts';

interface ImportBinding {
  module: string;
  /** `default`, `*` (namespace or CommonJS module), or the imported name. */
  imported: string;
}

const PROCESS_MODULES = new Set(['process', 'node:process']);

export function normaliseModule(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

export function requiredModule(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) return stringValue(n.arguments[0]);
  // `await import('node:inspector')`: a lazily loaded module binds its namespace as `require` does
  if (n.type === 'AwaitExpression') {
    const loaded = unwrap(n.argument);
    if (loaded.type === 'ImportExpression') return stringValue(loaded.source);
    if (loaded.type === 'CallExpression' && loaded.callee.type === 'Import') return stringValue(loaded.arguments[0]);
  }
  return undefined;
}

/**
 * A call that tests a value: `Boolean(x)`, a predicate (`isEmpty(x)`, `_.isNil(x)`, `hasValue(x)`), a conversion to
 * a boolean (`stringToBoolean(x)`, `toBool(x)`, `parseBoolean(x)`: false when unset).
 */
export function isPredicateCall(node: t.Node): boolean {
  if (!isCall(node)) return false;
  const callee = chainText(node.callee) ?? '';
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  return last === 'Boolean' || /^(?:is|has)[A-Z]\w*$/.test(last) || /^(?:\w*To|parse|as|env)?Bool(?:ean)?$/i.test(last);
}

/** True for a node that tests an operand for presence or a value: a condition, `&&`/`||`/`??`, `!`, a predicate call, an equality. */
function isPresenceTest(node: t.Node): boolean {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LogicalExpression':
      return true;
    case 'UnaryExpression':
      return node.operator === '!';
    case 'BinaryExpression':
      return ['===', '!==', '==', '!='].includes(node.operator);
    default:
      return isPredicateCall(node);
  }
}

/** The operand a presence test tests (for `&&`/`||`/`??` and equalities, the left one; a condition's whole test). */
function presenceTested(node: t.Node): t.Node | null | undefined {
  switch (node.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return node.test;
    case 'LogicalExpression':
    case 'BinaryExpression':
      return node.left as t.Node;
    case 'UnaryExpression':
      return node.argument;
    default:
      return isCall(node) ? (node.arguments[0] as t.Node | undefined) : undefined;
  }
}

export class Module {
  readonly imports = new Map<string, ImportBinding>();
  /** Initialisers of variables by name; null when the name is declared more than once (ambiguous). */
  readonly inits = new Map<string, t.Node | null>();
  readonly functions = new Map<string, FunctionNode>();
  /** Exported name → local name (`default` → the local or `default` for anonymous functions). */
  readonly exports = new Map<string, string>();
  readonly envAliases = new Set<string>();
  readonly specifiers: string[] = [];
  /** Specifiers loaded at run time: type-only imports and exports left out. */
  readonly runtimeSpecifiers: string[] = [];
  readonly parents = new Map<t.Node, t.Node>();
  /** Variables whose value the module tests for presence somewhere (`if (x)`, `x && …`, `!x`, `Boolean(x)`, `isEmpty(x)`, `x === undefined`). */
  readonly testedNames = new Set<string>();
  /** Every node in the walk's order (depth-first, in source order), and each one's depth: the file's one walk, for replay(). */
  readonly nodes: t.Node[] = [];
  private readonly depths: number[] = [];
  /** Every call and construction (`f()`, `a?.b()`, `new X()`), in walk order. */
  readonly calls: CallNode[] = [];
  readonly declarators: t.VariableDeclarator[] = [];
  /** Every `if` and `?:`, in walk order. */
  readonly conditionals: (t.IfStatement | t.ConditionalExpression)[] = [];

  /** The one walk of the file's AST: everything later passes read is indexed or collected here. */
  constructor(
    readonly file: string,
    readonly program: t.Program,
  ) {
    walk(program, (node, ancestors) => {
      const parent = ancestors.at(-1);
      if (parent) this.parents.set(node, parent);
      this.nodes.push(node);
      this.depths.push(ancestors.length);
      this.index(node);
    });
  }

  /**
   * Visits the nodes again in the walk's order, each with the ancestors the walk gave it (nearest last), without
   * walking the tree again. The analysis is a second phase because it needs what the walk collects first: the whole
   * file's bindings (a name may be declared below its use, a variable tested anywhere) and every file's apps and routers.
   */
  replay(visit: (node: t.Node, ancestors: readonly t.Node[]) => void): void {
    const ancestors: t.Node[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i] as t.Node;
      ancestors.length = this.depths[i] as number;
      visit(node, ancestors);
      ancestors.push(node);
    }
  }

  loc(node: t.Node): Loc {
    return locOf(this.file, node);
  }

  private declare(name: string, init: t.Node | null | undefined): void {
    this.inits.set(name, this.inits.has(name) ? null : (init ?? null));
  }

  /** Records the variables an expression in a test position tests: `a && b`, `!a`, `(a)`. */
  private tested(node: t.Node | null | undefined): void {
    const n = node ? unwrap(node) : undefined;
    if (n?.type === 'Identifier') this.testedNames.add(n.name);
    else if (n?.type === 'LogicalExpression') {
      this.tested(n.left);
      this.tested(n.right);
    } else if (n?.type === 'UnaryExpression' && n.operator === '!') this.tested(n.argument);
  }

  private index(node: t.Node): void {
    if (isPresenceTest(node)) this.tested(presenceTested(node));
    if (isCall(node)) this.calls.push(node);
    if (node.type === 'IfStatement' || node.type === 'ConditionalExpression') this.conditionals.push(node);
    switch (node.type) {
      case 'ImportDeclaration': {
        const module = normaliseModule(node.source.value);
        this.specifiers.push(node.source.value);
        if (node.importKind === 'type') break;
        this.runtimeSpecifiers.push(node.source.value);
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier' && s.importKind === 'type') continue;
          const imported = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : (keyName(s.imported, false) ?? '');
          this.imports.set(s.local.name, { module, imported });
          if (PROCESS_MODULES.has(node.source.value) && imported === 'env') this.envAliases.add(s.local.name);
        }
        break;
      }
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          this.specifiers.push(node.moduleReference.expression.value);
          if (node.importKind !== 'type') this.runtimeSpecifiers.push(node.moduleReference.expression.value);
          this.imports.set(node.id.name, { module: normaliseModule(node.moduleReference.expression.value), imported: '*' });
        }
        break;
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if (node.source) this.specifiers.push(node.source.value);
        if (node.source && node.exportKind !== 'type') this.runtimeSpecifiers.push(node.source.value);
        if (node.type === 'ExportNamedDeclaration') {
          const decl = node.declaration;
          if (decl?.type === 'FunctionDeclaration' || decl?.type === 'ClassDeclaration') {
            if (decl.id) this.exports.set(decl.id.name, decl.id.name);
          } else if (decl?.type === 'VariableDeclaration') {
            for (const d of decl.declarations) if (d.id.type === 'Identifier') this.exports.set(d.id.name, d.id.name);
          }
          if (!node.source) {
            for (const s of node.specifiers) {
              if (s.type === 'ExportSpecifier') this.exports.set(keyName(s.exported, false) ?? s.local.name, s.local.name);
            }
          }
        }
        break;
      case 'ExportDefaultDeclaration': {
        const decl = node.declaration;
        if (decl.type === 'Identifier') this.exports.set('default', decl.name);
        else if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id) this.exports.set('default', decl.id.name);
        else {
          this.exports.set('default', 'default');
          if (isFunction(decl)) this.functions.set('default', decl);
          else this.declare('default', decl);
        }
        break;
      }
      case 'FunctionDeclaration':
        if (node.id) this.functions.set(node.id.name, node);
        break;
      case 'VariableDeclarator':
        this.declarators.push(node);
        this.indexDeclarator(node);
        break;
      case 'AssignmentExpression': {
        // CommonJS exports: module.exports = x, module.exports.name = x, exports.name = x
        const target = chainText(node.left);
        const exported = target === 'module.exports' ? 'default' : /^(?:module\.)?exports\.(\w+)$/.exec(target ?? '')?.[1];
        if (!exported || node.operator !== '=') break;
        const value = unwrap(node.right);
        if (value.type === 'Identifier') this.exports.set(exported, value.name);
        else if (isFunction(value)) {
          this.functions.set(`exports:${exported}`, value);
          this.exports.set(exported, `exports:${exported}`);
        } else if (exported === 'default' && value.type === 'ObjectExpression') {
          for (const p of value.properties) {
            if (p.type !== 'ObjectProperty') continue;
            const name = keyName(p.key, p.computed);
            const v = unwrap(p.value);
            if (name && v.type === 'Identifier') this.exports.set(name, v.name);
          }
        }
        break;
      }
      case 'CallExpression':
      case 'ImportExpression': {
        const spec = node.type === 'CallExpression' ? (node.callee.type === 'Import' || (node.callee.type === 'Identifier' && node.callee.name === 'require') ? stringValue(node.arguments[0]) : undefined) : stringValue(node.source);
        if (spec !== undefined) this.specifiers.push(spec);
        if (spec !== undefined) this.runtimeSpecifiers.push(spec);
        break;
      }
      default:
    }
  }

  private indexDeclarator(node: t.VariableDeclarator): void {
    const init = node.init ? unwrap(node.init) : undefined;
    // const x = require('m'), require('m').default, require('m').name
    const direct = requiredModule(init);
    const viaMember = init && isMember(init) ? requiredModule(init.object) : undefined;
    if (node.id.type === 'Identifier') {
      const name = node.id.name;
      if (direct !== undefined) this.imports.set(name, { module: normaliseModule(direct), imported: '*' });
      else if (viaMember !== undefined && init && isMember(init)) {
        const member = memberName(init) ?? '';
        this.imports.set(name, { module: normaliseModule(viaMember), imported: member === 'default' ? '*' : member });
      } else if (init && isProcessEnv(init, this)) this.envAliases.add(name);
      else {
        this.declare(name, init);
        if (init && isFunction(init)) this.functions.set(name, init);
      }
      return;
    }
    if (node.id.type !== 'ObjectPattern') return;
    for (const p of node.id.properties) {
      if (p.type !== 'ObjectProperty') continue;
      const key = keyName(p.key, p.computed);
      const local = p.value.type === 'Identifier' ? p.value.name : p.value.type === 'AssignmentPattern' && p.value.left.type === 'Identifier' ? p.value.left.name : undefined;
      if (!key || !local) continue;
      if (direct !== undefined) this.imports.set(local, { module: normaliseModule(direct), imported: key });
      else if (init?.type === 'Identifier' && init.name === 'process' && key === 'env') this.envAliases.add(local);
    }
  }

  /** The nearest ancestors of a node, outermost first (from the parent index). */
  ancestorsOf(node: t.Node): t.Node[] {
    const out: t.Node[] = [];
    let current = this.parents.get(node);
    while (current) {
      out.push(current);
      current = this.parents.get(current);
    }
    return out.reverse();
  }

  /** The module and name path an expression refers to: `http.createServer` → { module: 'http', path: 'createServer' }. */
  target(expr: t.Node): { module: string; path: string } | undefined {
    const n = unwrap(expr);
    if (n.type === 'Identifier') {
      const binding = this.imports.get(n.name);
      if (!binding) return undefined;
      return { module: binding.module, path: binding.imported === 'default' || binding.imported === '*' ? '' : binding.imported };
    }
    const required = requiredModule(n);
    if (required !== undefined) return { module: normaliseModule(required), path: '' };
    if (isMember(n)) {
      const base = this.target(n.object);
      const name = memberName(n);
      if (!base || name === undefined) return undefined;
      if (name === 'default' && base.path === '') return base;
      return { module: base.module, path: base.path === '' ? name : `${base.path}.${name}` };
    }
    return undefined;
  }
}

export function isProcessEnv(node: t.Node, mod: Module): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return mod.envAliases.has(n.name);
  if (!isMember(n) || memberName(n) !== 'env') return false;
  const object = unwrap(n.object);
  if (object.type === 'Identifier') return object.name === 'process';
  return isMember(object) && memberName(object) === 'process' && chainText(object.object) === 'globalThis';
}

/** `process.env.X` (or `env.X` through an alias of process.env). */
export function isProcessEnvRead(mod: Module, node: t.Node): boolean {
  const n = unwrap(node);
  return isMember(n) && isProcessEnv(n.object, mod);
}
