/**
 * Env file loads: where the code loads env files with dotenv (dotenv, dotenv-flow, dotenvx) — `dotenv.config()`, with
 * the path or paths it names, `import 'dotenv/config'`, `require('dotenv/config')`.
 */
import type * as t from '@babel/types';
import { type CallNode, stringValue, unwrap } from '../../parsers/source.ts';
import { objectProp } from './expressions.ts';
import type { Module } from './module.ts';
import type { EnvFileLoad } from './types.ts';
import type { Call, Extractor } from './visitor.ts';

const DOTENV_MODULES = new Set(['dotenv', 'dotenv-flow', '@dotenvx/dotenvx']);
const DOTENV_PRELOADS = new Set(['dotenv/config', 'dotenv-flow/config', '@dotenvx/dotenvx/config']);

export class EnvFileLoads implements Extractor {
  readonly loads: EnvFileLoad[] = [];

  importDeclaration(mod: Module, node: t.ImportDeclaration): void {
    // `import 'dotenv/config'` loads `.env` from the working directory.
    if (DOTENV_PRELOADS.has(node.source.value)) this.loads.push({ path: '.env', loc: mod.loc(node) });
  }

  call(mod: Module, { node, target, name, args }: Call): void {
    if (target && DOTENV_MODULES.has(target.module) && target.path === 'config') this.envFileLoad(mod, node, args[0]);
    if (name === 'require' && DOTENV_PRELOADS.has(stringValue(args[0]) ?? '')) this.loads.push({ path: '.env', loc: mod.loc(node) });
  }

  /** `dotenv.config({ path: '.env.local' })`: each literal path (dotenv 16 takes a list); `.env` without one. */
  private envFileLoad(mod: Module, node: CallNode, options: t.Node | undefined): void {
    const path = objectProp(options, 'path')?.value;
    if (path === undefined) {
      this.loads.push({ path: '.env', loc: mod.loc(node) });
      return;
    }
    const value = unwrap(path);
    const paths = value.type === 'ArrayExpression' ? value.elements.map((e) => (e && e.type !== 'SpreadElement' ? stringValue(e) : undefined)) : [stringValue(value)];
    for (const p of paths) this.loads.push({ path: p, loc: mod.loc(node) });
  }
}
