// `npm run bench`: runs the BUILT CLI (dist/cli.js) over synthetic monorepos of 10, 100 and 1000
// services and prints a Markdown table of median wall time, files per second and peak RSS, plus the
// start-to-exit time of a single-service repository.
//
// Peak RSS: each run preloads a one-line module (`--import data:…`) that, on the CLI process's
// `exit` event, writes `process.resourceUsage().maxRSS` — getrusage(RUSAGE_SELF).ru_maxrss, the
// kernel's high-water mark of that very process — to standard error. It is what `/usr/bin/time -v`
// reports as "Maximum resident set size", without depending on GNU time being installed.
//
// Usage: node scripts/bench.mjs [--sizes 10,100,1000] [--runs N] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeMonorepo } from './synthetic-monorepo.mjs';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const RSS_MARK = 'shipready-bench-maxrss-kb=';
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${RSS_MARK}'+process.resourceUsage().maxRSS+'\\n'))`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    runs: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

/** Writes a monorepo of `n` services under a fresh temp dir; returns its path and file count. */
function generate(n) {
  const root = mkdtempSync(join(tmpdir(), `shipready-bench-${n}-`));
  return { root, files: writeMonorepo(root, n) };
}

/** One run of the built CLI: wall milliseconds from spawn to exit, and the CLI process's peak RSS in MiB. */
function runOnce(root) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, root, '--format', 'json', '--output', '/dev/null'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`dist/cli.js exited with ${child.status ?? child.signal} on ${root}:\n${child.stderr}`);
  }
  const mark = child.stderr.split('\n').find((line) => line.startsWith(RSS_MARK));
  if (!mark) throw new Error(`no peak RSS reported by the CLI process:\n${child.stderr}`);
  return { ms, rssMiB: Number(mark.slice(RSS_MARK.length)) / 1024 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

if (!existsSync(CLI)) {
  process.stderr.write('bench: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}

const sizes = values.sizes.split(',').map(Number);
const rows = [];
const temps = [];
try {
  for (const n of sizes) {
    const { root, files } = generate(n);
    temps.push(root);
    const runs = Number(values.runs ?? (n >= 1000 ? 3 : 5));
    runOnce(root); // warm the file system cache and the compile cache: every measured run starts alike
    const results = Array.from({ length: runs }, () => runOnce(root));
    const ms = median(results.map((r) => r.ms));
    rows.push({ n, files, runs, ms, rss: Math.max(...results.map((r) => r.rssMiB)) });
    process.stderr.write(`bench: ${n} services done (${(ms / 1000).toFixed(2)} s)\n`);
  }
  const single = generate(1);
  temps.push(single.root);
  runOnce(single.root);
  const singleRuns = Array.from({ length: 10 }, () => runOnce(single.root));

  const lines = [
    `Node ${process.version}, ${process.platform}/${process.arch}; median of the runs after one warm-up run; peak RSS is the highest of the runs.`,
    '',
    '| services | files | runs | median wall time | files/s | peak RSS |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.n} | ${r.files} | ${r.runs} | ${(r.ms / 1000).toFixed(2)} s | ${Math.round(r.files / (r.ms / 1000))} | ${Math.round(r.rss)} MiB |`),
    '',
    `Single-service repository, process start to exit: median ${Math.round(median(singleRuns.map((r) => r.ms)))} ms over ${singleRuns.length} runs (peak RSS ${Math.round(Math.max(...singleRuns.map((r) => r.rssMiB)))} MiB).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  if (values.keep) process.stderr.write(`bench: kept ${temps.join(', ')}\n`);
  else for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}
