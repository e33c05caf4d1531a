// Bundles dist/cli.js (and dist/action.js once it exists) as self-contained ESM for Node >= 22.
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
const entries = [{ in: 'src/bin.ts', out: 'cli' }];
if (existsSync('src/action.ts')) entries.push({ in: 'src/action.ts', out: 'action' });

await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: false,
  legalComments: 'none',
  charset: 'utf8',
  banner: {
    // Shebang for the bin, and a require() for the CommonJS dependencies esbuild bundles into ESM.
    js: "#!/usr/bin/env node\nimport { createRequire as __shipreadyCreateRequire } from 'node:module';\nconst require = __shipreadyCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
