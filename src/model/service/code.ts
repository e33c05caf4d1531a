/**
 * The package's code as one program: the file a relative specifier names, what an identifier finally refers to across
 * files, the functions the code names, and the owners of routes — the apps, routers and plugins the code creates,
 * registered from every file before any file's routes are read (a route may be registered in one file on an app made
 * in another).
 */
import type * as t from '@babel/types';
import { type FunctionNode, isCall, isFunction, isMember, memberName, stringValue, unwrap } from '../../parsers/source.ts';
import { dirname } from '../project.ts';
import { objectProp } from './expressions.ts';
import { inDir, resolveFile } from './files.ts';
import { CREATIONS, ROUTERS } from './frameworks.ts';
import type { Module } from './module.ts';
import type { Framework } from './types.ts';

export interface Owner {
  framework: Framework;
  prefix: string;
}

/** Calls an app returns itself from (`.use`, `.get`, `.set`, …). */
const CHAINABLE = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all', 'use', 'set', 'enable', 'disable', 'engine', 'param']);

/** A chain of such calls followed down to what it starts from: `express().use(a).get(…)` → `express()`. */
export function chainBase(node: t.Node): t.Node {
  let n = unwrap(node);
  while (isCall(n) && isMember(n.callee) && CHAINABLE.has(memberName(n.callee) ?? '')) n = unwrap(n.callee.object);
  return n;
}

export class PackageCode {
  /** The apps, routers and plugins the code creates, by their key (ownerKey). */
  readonly owners = new Map<string, Owner>();
  private readonly byFile: Map<string, Module>;

  constructor(readonly modules: readonly Module[]) {
    this.byFile = new Map(modules.map((m) => [m.file, m]));
  }

  /** The module a relative specifier of `from` names, among the package's parsed files. */
  resolve(from: Module, spec: string): Module | undefined {
    if (!spec.startsWith('.')) return undefined;
    const path = resolveFile(inDir(dirname(from.file), spec), (p) => this.byFile.has(p));
    return path ? this.byFile.get(path) : undefined;
  }

  /** The module and local name an identifier finally refers to, following relative imports. */
  definition(mod: Module, name: string, depth = 0): { mod: Module; name: string } {
    const binding = mod.imports.get(name);
    if (!binding || depth > 5) return { mod, name };
    const target = this.resolve(mod, binding.module);
    if (!target) return { mod, name };
    const exported = binding.imported === '*' ? 'default' : binding.imported;
    const local = target.exports.get(exported);
    return local ? this.definition(target, local, depth + 1) : { mod: target, name: exported };
  }

  functionNamed(mod: Module, name: string): { mod: Module; fn: FunctionNode } | undefined {
    const def = this.definition(mod, name);
    const fn = def.mod.functions.get(def.name);
    return fn ? { mod: def.mod, fn } : undefined;
  }

  /** The key that identifies a route owner (an app, router or plugin) across files. */
  ownerKey(mod: Module, expr: t.Node): string | undefined {
    const n = unwrap(expr);
    // A call of a chain that starts at the app a declaration creates (`const app = express().get(…).post(…)`): that app.
    if (isCall(n) && (chainBase(n) !== n || this.created(mod, n) !== undefined)) {
      let top: t.Node = n;
      for (let p = mod.parents.get(top); p && (isCall(p) || isMember(p)); p = mod.parents.get(top)) top = p;
      const holder = mod.parents.get(top);
      if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && holder.init === top) return `${mod.file}#${holder.id.name}`;
    }
    if (n.type === 'Identifier') {
      const def = this.definition(mod, n.name);
      return `${def.mod.file}#${def.name}`;
    }
    if (isCall(n) && isMember(n.callee) && ['routes', 'middleware', 'allowedMethods'].includes(memberName(n.callee) ?? '')) return this.ownerKey(mod, n.callee.object);
    if (isFunction(n)) return `${mod.file}@${n.start ?? 0}`;
    return undefined;
  }

  /** The key of a function (for plugin functions whose first parameter receives routes). */
  functionKey(mod: Module, fn: FunctionNode): string {
    const parent = mod.parents.get(fn);
    if (fn.type === 'FunctionDeclaration' && fn.id) return `${mod.file}#${fn.id.name}`;
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `${mod.file}#${parent.id.name}`;
    if (parent?.type === 'ExportDefaultDeclaration') return `${mod.file}#default`;
    for (const [name, f] of mod.functions) if (f === fn) return `${mod.file}#${name}`;
    return `${mod.file}@${fn.start ?? 0}`;
  }

  ownerOf(mod: Module, receiver: t.Node): Owner | undefined {
    const key = this.ownerKey(mod, receiver);
    return key ? this.owners.get(key) : undefined;
  }

  /** The framework of the app or router a call creates (`express()`, `new Router()`), with its target. */
  private created(mod: Module, call: { callee: t.Node }): { framework: Framework; target: { module: string; path: string } } | undefined {
    const target = mod.target(call.callee);
    const framework = target && (CREATIONS[target.module]?.[target.path] ?? ROUTERS[target.module]?.[target.path]);
    return target && framework ? { framework, target } : undefined;
  }

  /** `const app = express()`, `const router = new Router({ prefix })`, `const api = new Hono().basePath('/api')`. */
  registerOwner(mod: Module, node: t.VariableDeclarator): void {
    if (node.id.type !== 'Identifier' || !node.init) return;
    let init = unwrap(node.init);
    if (init.type === 'AwaitExpression' && init.argument) init = unwrap(init.argument);
    let prefix = '';
    if (isCall(init) && isMember(init.callee) && memberName(init.callee) === 'basePath') {
      prefix = stringValue(init.arguments[0] as t.Node) ?? '';
      init = unwrap(init.callee.object);
    }
    // `const app = express().use(json()).get('/healthz', …)`: the app the chain starts from.
    init = chainBase(init);
    const found = isCall(init) ? this.created(mod, init) : undefined;
    if (!found || !isCall(init)) return;
    const { framework, target } = found;
    if (ROUTERS[target.module]?.[target.path] === 'koa') prefix = stringValue(objectProp(init.arguments[0] as t.Node, 'prefix')?.value) ?? prefix;
    this.owners.set(`${mod.file}#${node.id.name}`, { framework, prefix });
  }
}
