// Bundles dist/cli-main.js and dist/action.js as self-contained ESM for Node >= 22, and writes dist/cli.js, the
// bin: a launcher that turns on Node's compile cache before it loads the bundle, so a run after the first starts
// from V8's cached code instead of compiling 2.5 MB of JavaScript again. Builds into a temporary folder and swaps
// it in only when the build succeeded, so a failed build never leaves dist/ half empty.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const staging = 'dist.tmp';
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
rmSync(staging, { recursive: true, force: true });

await build({
  entryPoints: [
    { in: 'src/bin.ts', out: 'cli-main' },
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

writeFileSync(
  `${staging}/cli.js`,
  [
    '#!/usr/bin/env node',
    '// The bin: turns on Node\'s compile cache (Node >= 22.1; NODE_DISABLE_COMPILE_CACHE=1 turns it off), kept in the',
    "// user's own cache folder rather than the shared temp folder, then runs the bundle. A cache that cannot be",
    '// written only costs the start-up it would have saved.',
    "import module from 'node:module';",
    "import { homedir } from 'node:os';",
    "import { join } from 'node:path';",
    '',
    'try {',
    "  module.enableCompileCache?.(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'shipready', 'compile-cache'));",
    '} catch {}',
    "await import('./cli-main.js');",
    '',
  ].join('\n'),
  { mode: 0o755 },
);

rmSync('dist', { recursive: true, force: true });
renameSync(staging, 'dist');
