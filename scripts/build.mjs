// Bundles dist/cli.js and dist/action.js as self-contained ESM for Node >= 22. Builds into a temporary
// folder and swaps it in only when the build succeeded, so a failed build never leaves dist/ half empty.
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const staging = 'dist.tmp';
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
rmSync(staging, { recursive: true, force: true });

await build({
  entryPoints: [
    { in: 'src/bin.ts', out: 'cli' },
    { in: 'src/action.ts', out: 'action' },
  ],
  outdir: staging,
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
  define: { SHIPREADY_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});

rmSync('dist', { recursive: true, force: true });
renameSync(staging, 'dist');
