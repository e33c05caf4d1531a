/** Builds a Project from in-memory files for the manifest model tests. */
import { classifyByName } from '../src/classify.ts';
import { defaultConfig, type ResolvedConfig } from '../src/config.ts';
import { makeSourceFile } from '../src/discover.ts';
import { type BuiltModel, buildModel } from '../src/model/build.ts';

export function modelOf(files: Record<string, string>, config: Partial<ResolvedConfig> = {}, root = '/repos/shop'): BuiltModel {
  const sources = Object.entries(files).map(([path, text]) => {
    const kind = path === '<stdin>' ? 'k8s' : classifyByName(path);
    if (!kind) throw new Error(`${path}: not a kind shipready reads`);
    return makeSourceFile(path, kind, text);
  });
  return buildModel(root, sources, { ...defaultConfig(), ...config }, { git: () => undefined });
}
