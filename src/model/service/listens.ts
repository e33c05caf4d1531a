/**
 * Listens and their ports: `app.listen(port, host)`, a hapi server's `port` option and its `start()`,
 * @hono/node-server's `serve({ port })` — each port as the code gives it (a literal, an env variable and its default),
 * and whether the listen is internal (loopback or an ephemeral port); and whether some listen runs when the program
 * starts, not only in a function the package never calls (a framework's own `listen` method).
 */
import type * as t from '@babel/types';
import { type CallNode, chainText, type FunctionNode, isCall, isFunction, isMember, keyName, memberName, stringValue, unwrap } from '../../parsers/source.ts';
import type { PackageCode } from './code.ts';
import { envNameOf, numberOf, objectProp } from './expressions.ts';
import type { Module } from './module.ts';
import type { Listen, Port } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

/** Names of what a server listens on: `app`, `server`, `httpServer`, `fastify`, `instance`, `this` (a class that extends one). */
const LISTENER_NAMES = /server|app|api|srv|fastify|koa|hono|instance|http|gateway|service|nest|web|listener|^this$/i;
const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|::1)$/;

function receiverName(receiver: t.Node): string | undefined {
  return receiver.type === 'ThisExpression' ? 'this' : receiver.type === 'Identifier' ? receiver.name : isMember(receiver) ? memberName(receiver) : undefined;
}

export class Listens implements Extractor {
  readonly listens: Listen[] = [];
  /** Some listen call runs when the program starts (not only inside a function the package never calls: a library's API). */
  listensAtLoad = false;

  constructor(private readonly code: PackageCode) {}

  call(mod: Module, { node, target, method, receiver, args, creates }: Call, ancestors: readonly t.Node[]): void {
    if (creates === 'hapi') {
      const port = this.portOf(mod, objectProp(args[0], 'port')?.value);
      if (port) this.listen(mod, node, ancestors, port);
    }
    if (target?.module === '@hono/node-server' && target.path === 'serve') this.listen(mod, node, ancestors, this.portOf(mod, objectProp(args[0], 'port')?.value));
    if (receiver === undefined || method === undefined) return;
    if (method === 'listen' && this.listensOn(mod, receiver)) {
      const host = stringValue(args[1]) ?? stringValue(objectProp(args[0], 'host')?.value);
      const port = this.portOf(mod, args[0]);
      this.listen(mod, node, ancestors, port, (host !== undefined && LOOPBACK.test(host)) || port?.value === 0, receiverName(receiver));
    }
    if (method === 'start' && this.code.ownerOf(mod, receiver)?.framework === 'hapi') this.listen(mod, node, ancestors, undefined);
  }

  /**
   * A receiver of `.listen()` that can be a server: a server the code created (`express()`, `http.createServer(app)`),
   * a call or construction in place, or a name that says so (`server`, `app`, `httpServer`, `this`) — not an
   * observable, an emitter or a drag handle (`layout.drag.listen(cb)`).
   */
  private listensOn(mod: Module, receiver: t.Node): boolean {
    if (isCall(receiver) || this.code.ownerOf(mod, receiver)) return true;
    const name = receiverName(receiver);
    return name !== undefined && LISTENER_NAMES.test(name);
  }

  private listen(mod: Module, node: CallNode, ancestors: readonly t.Node[], port: Port | undefined, internal = false, receiver?: string): void {
    this.listens.push({ loc: mod.loc(node), port, ...(internal ? { internal } : {}), ...(receiver ? { receiver } : {}) });
    if (!this.listensAtLoad && this.runsAtLoad(mod, ancestors, 0)) this.listensAtLoad = true;
  }

  /**
   * Whether code runs when the program starts: at module level, in a callback or an IIFE, or in a named
   * function (or method) that the package calls, or passes as a callback, from code that runs. A function
   * only exported or assigned (a framework's `listen` method) is API for others to call. Unknown: runs.
   */
  private runsAtLoad(mod: Module, ancestors: readonly t.Node[], depth: number): boolean {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as t.Node;
      if (!isFunction(a)) continue;
      const parent = ancestors[i - 1];
      // a callback or an IIFE runs where the call is
      if (parent && isCall(parent) && (parent.callee === a || (parent.arguments as t.Node[]).includes(a))) continue;
      const name = functionName(a, parent);
      if (name === undefined || depth > 3) return true;
      return this.callersOf(name, mod, a).some((c) => this.runsAtLoad(c.mod, c.mod.ancestorsOf(c.node), depth + 1));
    }
    return true;
  }

  /** Calls of a function by name (`name()`, `x.name()`, `new name()`) and calls that pass it (`app.ready(name)`), outside the function itself. */
  private callersOf(name: string, fnMod: Module, fn: t.Node): { mod: Module; node: t.Node }[] {
    const out: { mod: Module; node: t.Node }[] = [];
    for (const mod of this.code.modules) {
      for (const n of mod.calls) {
        if (mod === fnMod && (n.start ?? 0) >= (fn.start ?? 0) && (n.end ?? 0) <= (fn.end ?? 0)) continue;
        const callee = unwrap(n.callee);
        const called = callee.type === 'Identifier' ? callee.name : isMember(callee) ? memberName(callee) : undefined;
        const passed = (n.arguments as t.Node[]).some((arg) => {
          const a = unwrap(arg);
          return a.type === 'Identifier' && a.name === name;
        });
        if (called === name || passed) out.push({ mod, node: n });
      }
    }
    return out;
  }

  private portOf(mod: Module, arg: t.Node | undefined | null, depth = 0): Port | undefined {
    if (!arg || depth > 4) return undefined;
    const n = unwrap(arg);
    const loc = mod.loc(n);
    if (n.type === 'ObjectExpression') {
      const port = objectProp(n, 'port');
      return port ? this.portOf(mod, port.value, depth + 1) : undefined;
    }
    if (isFunction(n)) return undefined;
    const env = envNameOf(mod, n);
    if (env) return { env, loc };
    if (n.type === 'LogicalExpression') {
      const left = this.portOf(mod, n.left, depth + 1);
      const right = numberOf(mod, n.right);
      return { ...left, value: left?.value ?? right, loc };
    }
    if (n.type === 'Identifier') {
      const init = mod.inits.get(n.name);
      const inner = init ? this.portOf(mod, init, depth + 1) : undefined;
      return inner ? { ...inner, loc } : { loc };
    }
    if (isCall(n) && ['Number', 'parseInt', 'String'].includes(chainText(n.callee) ?? '')) {
      const inner = this.portOf(mod, n.arguments[0] as t.Node, depth + 1);
      return inner ? { ...inner, loc } : { loc };
    }
    if (n.type === 'UnaryExpression' && n.operator === '+') return this.portOf(mod, n.argument, depth + 1);
    const value = numberOf(mod, n);
    return value !== undefined ? { value, loc } : { loc };
  }
}

/** The name a function is called by: its own, its variable's, its property's or method's (a constructor: its class's). */
function functionName(fn: FunctionNode, parent: t.Node | undefined): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (fn.type === 'ClassMethod' || fn.type === 'ObjectMethod' || fn.type === 'ClassPrivateMethod') {
    if (fn.type === 'ClassMethod' && fn.kind === 'constructor') return undefined;
    return fn.key.type === 'PrivateName' ? fn.key.id.name : keyName(fn.key, fn.computed ?? false);
  }
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression') return parent.left.type === 'Identifier' ? parent.left.name : isMember(parent.left) ? memberName(parent.left) : undefined;
  if (parent?.type === 'ObjectProperty' || parent?.type === 'ClassProperty') return keyName(parent.key, parent.computed);
  return undefined;
}
