// `npm run bench`: runs the BUILT CLI (dist/cli.js) over synthetic monorepos (scripts/synthetic-monorepo.mjs) of
// 1, 100, 1000 and 3000 services and prints, for each: median wall time, ms per service, peak RSS (and per
// service), and the ratio to the parse floor measured in the same run — scripts/parse-floor.mjs reading and parsing
// the same repository's Dockerfiles, YAML, package.json, sources and env files with the libraries and options
// shipready uses, and nothing else. It ends with the targets of issue 9 and whether each is met: 1000 services
// within 1.5x the floor, 3000 within 3.3x the time of 1000, peak RSS within 0.3 MiB per service at 3000, and one
// service within 4x a bare `node -e 0`.
//
// Peak RSS: each run preloads a one-line module (`--import data:…`) that, on the process's `exit` event, writes
// `process.resourceUsage().maxRSS` — getrusage(RUSAGE_SELF).ru_maxrss, the kernel's high-water mark of that very
// process — to standard error. It is what `/usr/bin/time -v` reports as "Maximum resident set size", without
// depending on GNU time being installed.
//
// Usage: node scripts/bench.mjs [--sizes 1,100,1000,3000] [--runs N] [--keep]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeMonorepo } from './synthetic-monorepo.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(HERE, '..', 'dist', 'cli.js');
const FLOOR = resolve(HERE, 'parse-floor.mjs');
const RSS_MARK = 'shipready-bench-maxrss-kb=';
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${RSS_MARK}'+process.resourceUsage().maxRSS+'\\n'))`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,100,1000,3000' },
    runs: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

/** Writes a monorepo of `n` services under a fresh temp dir; returns its path and file count. */
function generate(n) {
  const root = mkdtempSync(join(tmpdir(), `shipready-bench-${n}-`));
  return { root, files: writeMonorepo(root, n) };
}

/** One run of a Node script: wall milliseconds from spawn to exit, and the process's peak RSS in MiB. */
function runOnce(args) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} exited with ${child.status ?? child.signal}:\n${child.stderr}`);
  const mark = child.stderr.split('\n').find((line) => line.startsWith(RSS_MARK));
  if (!mark) throw new Error(`no peak RSS reported by ${args.join(' ')}:\n${child.stderr}`);
  return { ms, rssMiB: Number(mark.slice(RSS_MARK.length)) / 1024 };
}

/** Median wall time and highest peak RSS of `runs` runs after one warm-up run (file system cache, compile cache). */
function measure(args, runs) {
  runOnce(args);
  const results = Array.from({ length: runs }, () => runOnce(args));
  return { ms: median(results.map((r) => r.ms)), rss: Math.max(...results.map((r) => r.rssMiB)) };
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
const verdict = (ok) => (ok ? 'met' : 'NOT met');
try {
  for (const n of sizes) {
    const { root, files } = generate(n);
    temps.push(root);
    const runs = Number(values.runs ?? (n >= 1000 ? 3 : n === 1 ? 10 : 5));
    const lint = measure([CLI, root, '--format', 'json', '--output', '/dev/null'], runs);
    const floor = measure([FLOOR, root], runs);
    rows.push({ n, files, runs, ...lint, floor });
    process.stderr.write(`bench: ${n} services done (${(lint.ms / 1000).toFixed(2)} s, floor ${(floor.ms / 1000).toFixed(2)} s)\n`);
  }
  const bare = measure(['-e', '0'], 10);
  const row = (n) => rows.find((r) => r.n === n);
  const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
  const lines = [
    `Node ${process.version}, ${process.platform}/${process.arch}; median of the runs after one warm-up run; peak RSS is the highest of the runs.`,
    '',
    '| services | files | runs | median wall time | ms/service | peak RSS | RSS/service | parse floor | × floor |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.files} | ${r.runs} | ${seconds(r.ms)} | ${(r.ms / r.n).toFixed(1)} | ${Math.round(r.rss)} MiB | ${(r.rss / r.n).toFixed(2)} MiB | ${seconds(r.floor.ms)} (${Math.round(r.floor.rss)} MiB) | ${(r.ms / r.floor.ms).toFixed(2)} |`,
    ),
    '',
    `Bare \`node -e 0\`: median ${Math.round(bare.ms)} ms (peak RSS ${Math.round(bare.rss)} MiB).`,
    '',
    'Targets (issue 9):',
  ];
  const [one, thousand, three] = [row(1), row(1000), row(3000)];
  if (thousand) lines.push(`- 1000 services ≤ 1.5× the parse floor: ${(thousand.ms / thousand.floor.ms).toFixed(2)}×, ${verdict(thousand.ms <= 1.5 * thousand.floor.ms)}`);
  if (thousand && three) lines.push(`- 3000 services ≤ 3.3× the time of 1000: ${(three.ms / thousand.ms).toFixed(2)}×, ${verdict(three.ms <= 3.3 * thousand.ms)}`);
  if (three) lines.push(`- peak RSS ≤ 0.3 MiB per service at 3000: ${(three.rss / 3000).toFixed(3)} MiB, ${verdict(three.rss / 3000 <= 0.3)}`);
  if (one) lines.push(`- one service ≤ 4× a bare \`node -e 0\`: ${(one.ms / bare.ms).toFixed(1)}× (${Math.round(one.ms)} ms), ${verdict(one.ms <= 4 * bare.ms)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  if (values.keep) process.stderr.write(`bench: kept ${temps.join(', ')}\n`);
  else for (const dir of temps) rmSync(dir, { recursive: true, force: true });
}
