/**
 * How an extractor reads a module: hooks for the kinds of node it cares about, which the analysis (analysis.ts) calls
 * for each node of the module in walk order, with the node's ancestors (nearest last). A call is read once for every
 * extractor (Call). Each extractor keeps what it finds; the service is assembled from them afterwards (services.ts).
 */
import type * as t from '@babel/types';
import type { CallNode, MemberNode } from '../../parsers/source.ts';
import type { Module } from './module.ts';
import type { Framework } from './types.ts';

/** A call or construction (`f()`, `a?.b()`, `new X()`), read once for every extractor. */
export interface Call {
  node: CallNode;
  /** The callee, unwrapped. */
  callee: t.Node;
  /** The module and name path the callee refers to (Module.target): `http.createServer` → { module: 'http', path: 'createServer' }. */
  target: { module: string; path: string } | undefined;
  /** The method of a member call: `listen` in `app.listen(…)`. */
  method: string | undefined;
  /** The object a method is called on, unwrapped (`app` in `app.listen(…)`); undefined when the callee is no member. */
  receiver: t.Node | undefined;
  /** The name called: the callee's own (`require`), else the method. */
  name: string | undefined;
  args: t.Node[];
  /** The framework whose server or app the call creates (`express()`, `http.createServer(app)`, `NestFactory.create(…)`). */
  creates: Framework | undefined;
}

export interface Extractor {
  /** Before the module's first node. */
  enterModule?(mod: Module): void;
  call?(mod: Module, call: Call, ancestors: readonly t.Node[]): void;
  member?(mod: Module, node: MemberNode, ancestors: readonly t.Node[]): void;
  declarator?(mod: Module, node: t.VariableDeclarator): void;
  property?(mod: Module, node: t.ObjectProperty, ancestors: readonly t.Node[]): void;
  importDeclaration?(mod: Module, node: t.ImportDeclaration): void;
  classProperty?(mod: Module, node: t.ClassProperty): void;
  assignment?(mod: Module, node: t.AssignmentExpression): void;
  binary?(mod: Module, node: t.BinaryExpression, ancestors: readonly t.Node[]): void;
  switchStatement?(mod: Module, node: t.SwitchStatement): void;
  classNode?(mod: Module, node: t.ClassDeclaration | t.ClassExpression): void;
}
