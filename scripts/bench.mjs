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
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

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

/** The files of one service: what a real Node.js service repository holds. */
function serviceFiles(i) {
  const name = `svc-${String(i).padStart(4, '0')}`;
  return {
    Dockerfile: [
      'FROM node:22-alpine AS build',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci',
      'COPY . .',
      'RUN npm run build',
      '',
      'FROM node:22-alpine',
      'ENV NODE_ENV=production',
      'WORKDIR /app',
      'COPY --from=build /app/package.json /app/package-lock.json ./',
      'RUN npm ci --omit=dev && npm cache clean --force',
      'COPY --from=build /app/dist ./dist',
      'USER node',
      'EXPOSE 3000',
      'HEALTHCHECK CMD wget -qO- http://localhost:3000/healthz || exit 1',
      'CMD ["node", "dist/index.js"]',
      '',
    ].join('\n'),
    '.dockerignore': 'node_modules\n.git\n.env*\n!.env.example\ndist\ncoverage\n',
    '.env.production': `PORT=3000\nLOG_LEVEL=info\nSERVICE_NAME=${name}\nDATABASE_URL=postgres://db.internal:5432/${name}\nREQUEST_TIMEOUT_MS=5000\n`,
    '.env.example': `PORT=3000\nLOG_LEVEL=debug\nDATABASE_URL=postgres://localhost:5432/${name}\n`,
    'package.json': `${JSON.stringify(
      {
        name,
        version: '1.0.0',
        private: true,
        type: 'module',
        engines: { node: '>=22' },
        scripts: { build: 'tsc -p .', start: 'node dist/index.js', test: 'node --test' },
        dependencies: { express: '^4.21.2', pino: '^9.6.0', pg: '^8.13.1' },
        devDependencies: { typescript: '^5.7.3' },
      },
      null,
      2,
    )}\n`,
    'package-lock.json': `${JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name, version: '1.0.0' } } }, null, 2)}\n`,
    'src/index.js': [
      "import express from 'express';",
      "import pino from 'pino';",
      "import { routes } from './routes.js';",
      '',
      'const log = pino();',
      'const app = express();',
      "app.get('/healthz', (_req, res) => res.send('ok'));",
      "app.use('/api', routes);",
      'const server = app.listen(Number(process.env.PORT ?? 3000), () => log.info("listening"));',
      "process.on('SIGTERM', () => server.close(() => process.exit(0)));",
      '',
    ].join('\n'),
    'src/routes.js': [
      "import { Router } from 'express';",
      "import { query } from './db.js';",
      '',
      'export const routes = Router();',
      "routes.get('/items', async (_req, res, next) => {",
      '  try {',
      "    res.json(await query('select * from items'));",
      '  } catch (error) {',
      '    next(error);',
      '  }',
      '});',
      '',
    ].join('\n'),
    'src/db.js': [
      "import pg from 'pg';",
      '',
      'const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });',
      'export async function query(text, params) {',
      '  const { rows } = await pool.query(text, params);',
      '  return rows;',
      '}',
      '',
    ].join('\n'),
    'k8s/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  replicas: 2',
      '  selector:',
      `    matchLabels: { app: ${name} }`,
      '  template:',
      '    metadata:',
      `      labels: { app: ${name} }`,
      '    spec:',
      '      containers:',
      '        - name: app',
      `          image: registry.example.com/${name}:1.0.0`,
      '          ports: [{ containerPort: 3000 }]',
      '          resources:',
      '            requests: { cpu: 100m, memory: 128Mi }',
      '            limits: { memory: 256Mi }',
      '          readinessProbe:',
      '            httpGet: { path: /healthz, port: 3000 }',
      '          livenessProbe:',
      '            httpGet: { path: /healthz, port: 3000 }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      `  selector: { app: ${name} }`,
      '  ports: [{ port: 80, targetPort: 3000 }]',
      '',
    ].join('\n'),
    'docker-compose.yml': [
      'services:',
      '  app:',
      '    build: .',
      '    env_file: .env.production',
      '    ports: ["3000:3000"]',
      '    healthcheck:',
      '      test: ["CMD", "wget", "-qO-", "http://localhost:3000/healthz"]',
      '    depends_on: [db]',
      '  db:',
      '    image: postgres:17-alpine',
      '',
    ].join('\n'),
  };
}

/** Writes a monorepo of `n` services under a fresh temp dir; returns its path and file count. */
function generate(n) {
  const root = mkdtempSync(join(tmpdir(), `shipready-bench-${n}-`));
  let count = 0;
  const write = (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    count++;
  };
  write(join(root, 'package.json'), `${JSON.stringify({ name: 'monorepo', private: true, workspaces: ['services/*'] }, null, 2)}\n`);
  write(join(root, '.gitignore'), 'node_modules/\ndist/\n.env\n');
  for (let i = 0; i < n; i++) {
    for (const [path, text] of Object.entries(serviceFiles(i))) write(join(root, 'services', `svc-${String(i).padStart(4, '0')}`, path), text);
  }
  return { root, files: count };
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
