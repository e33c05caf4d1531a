/**
 * The analysis of a package's code, in two phases over what each file's one walk collected (module.ts). First the
 * owners of routes: every app, router and plugin the files create, since a route registered in one file may belong to
 * an app made in another. Then each file once: its nodes replayed in walk order, each handed to the extractors that
 * read its kind (visitor.ts), a call read once for all of them. The extractors keep what they find; services.ts
 * assembles the service from them.
 */
import type * as t from '@babel/types';
import { isMember, memberName, unwrap } from '../../parsers/source.ts';
import { PackageCode } from './code.ts';
import { Cors } from './cors.ts';
import { CrashHandlers } from './crash-handlers.ts';
import { EnvFileLoads } from './env-files.ts';
import { EnvReads } from './env-reads.ts';
import { CREATIONS, Servers } from './frameworks.ts';
import { SecurityHeaders } from './headers.ts';
import { Helpers } from './helpers.ts';
import { InspectorStarts } from './inspector.ts';
import { Listens } from './listens.ts';
import { LiteralSecrets } from './literal-secrets.ts';
import { StructuredLogs } from './logs.ts';
import type { Module } from './module.ts';
import { Routes } from './routes.ts';
import { ShutdownHelpers } from './shutdown.ts';
import { Signals } from './signals.ts';
import { ValidationBypasses } from './validation-bypass.ts';
import type { Call, Extractor } from './visitor.ts';

/** The extractors that implement a hook. */
function implementing<K extends keyof Extractor>(extractors: readonly Extractor[], hook: K): Required<Pick<Extractor, K>>[] {
  return extractors.filter((e): e is Extractor & Required<Pick<Extractor, K>> => e[hook] !== undefined);
}

export class Analysis {
  readonly code: PackageCode;
  readonly logs = new StructuredLogs();
  readonly servers = new Servers();
  readonly listens: Listens;
  readonly cors: Cors;
  readonly routes: Routes;
  readonly shutdown = new ShutdownHelpers();
  readonly envFiles = new EnvFileLoads();
  readonly inspector: InspectorStarts;
  readonly secrets = new LiteralSecrets();
  readonly bypasses = new ValidationBypasses();
  readonly env = new EnvReads(this.secrets, this.bypasses);
  readonly signals: Signals;
  readonly crashes: CrashHandlers;
  readonly helpers = new Helpers();
  readonly headers = new SecurityHeaders();
  private readonly on: { [K in keyof Extractor]-?: Required<Pick<Extractor, K>>[] };

  constructor(
    readonly modules: readonly Module[],
    private readonly onError: (file: string, error: unknown) => void,
  ) {
    this.code = new PackageCode(modules);
    this.listens = new Listens(this.code);
    this.cors = new Cors(this.code);
    this.routes = new Routes(this.code);
    this.inspector = new InspectorStarts(this.code);
    this.signals = new Signals(this.code);
    this.crashes = new CrashHandlers(this.code);
    // Each extractor keeps facts of its own, so the order they see a node in changes no output.
    const all: Extractor[] = [this.logs, this.servers, this.listens, this.cors, this.routes, this.shutdown, this.envFiles, this.inspector, this.env, this.signals, this.crashes, this.helpers, this.headers, this.secrets];
    this.on = {
      enterModule: implementing(all, 'enterModule'),
      call: implementing(all, 'call'),
      member: implementing(all, 'member'),
      declarator: implementing(all, 'declarator'),
      property: implementing(all, 'property'),
      importDeclaration: implementing(all, 'importDeclaration'),
      classProperty: implementing(all, 'classProperty'),
      assignment: implementing(all, 'assignment'),
      binary: implementing(all, 'binary'),
      switchStatement: implementing(all, 'switchStatement'),
      classNode: implementing(all, 'classNode'),
    };
  }

  analyse(): void {
    // Owners first, so a route registered in one file on an app or router made in another is known.
    for (const mod of this.modules) {
      this.guard(mod, () => {
        for (const node of mod.declarators) this.code.registerOwner(mod, node);
      });
    }
    for (const mod of this.modules) this.guard(mod, () => this.analyseModule(mod));
  }

  /** An AST shape the analysis did not expect costs that file's facts, never the run. */
  private guard(mod: Module, analyse: () => void): void {
    try {
      analyse();
    } catch (error) {
      this.onError(mod.file, error);
    }
  }

  private analyseModule(mod: Module): void {
    for (const e of this.on.enterModule) e.enterModule(mod);
    mod.replay((node, ancestors) => {
      switch (node.type) {
        case 'CallExpression':
        case 'OptionalCallExpression':
        case 'NewExpression': {
          const call = readCall(mod, node);
          for (const e of this.on.call) e.call(mod, call, ancestors);
          break;
        }
        case 'MemberExpression':
        case 'OptionalMemberExpression':
          for (const e of this.on.member) e.member(mod, node, ancestors);
          break;
        case 'VariableDeclarator':
          for (const e of this.on.declarator) e.declarator(mod, node);
          break;
        case 'ObjectProperty':
          for (const e of this.on.property) e.property(mod, node, ancestors);
          break;
        case 'ImportDeclaration':
          for (const e of this.on.importDeclaration) e.importDeclaration(mod, node);
          break;
        case 'ClassProperty':
          for (const e of this.on.classProperty) e.classProperty(mod, node);
          break;
        case 'AssignmentExpression':
          for (const e of this.on.assignment) e.assignment(mod, node);
          break;
        case 'BinaryExpression':
          for (const e of this.on.binary) e.binary(mod, node, ancestors);
          break;
        case 'SwitchStatement':
          for (const e of this.on.switchStatement) e.switchStatement(mod, node);
          break;
        case 'ClassDeclaration':
        case 'ClassExpression':
          for (const e of this.on.classNode) e.classNode(mod, node);
          break;
        default:
      }
    });
  }
}

function readCall(mod: Module, node: Call['node']): Call {
  const callee = unwrap(node.callee);
  const target = mod.target(callee);
  const method = isMember(callee) ? memberName(callee) : undefined;
  return {
    node,
    callee,
    target,
    method,
    receiver: isMember(callee) ? unwrap(callee.object) : undefined,
    name: callee.type === 'Identifier' ? callee.name : method,
    args: node.arguments as t.Node[],
    creates: target ? CREATIONS[target.module]?.[target.path] : undefined,
  };
}
