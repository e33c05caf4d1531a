/**
 * Every rule on very long lines of the characters that make regular expressions backtrack: the run's time must grow
 * about linearly with the line (10× the line, well under 100× the time), and no run may come near a hang.
 * Growth ratios, not time limits: the machine is shared and noisy.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/lint.ts';

const SUSPECTS: Record<string, string> = { letters: 'A', spaces: ' ', equals: '=', quotes: '"', backslashes: '\\\\', interpolations: '${' };
const SMALL = 20_000;
const LARGE = 200_000;

/** Where a long line goes in each kind of file rules read, as the rest of a line a parser accepts. */
const PLACES: Record<string, (run: string) => Record<string, string>> = {
  env: (run) => ({ '.env.production': `NODE_ENV=production\nKEY_${run}=value\nVALUE=${run}\n` }),
  dockerfile: (run) => ({ Dockerfile: `FROM node:22-alpine\nRUN echo ${run}\nENV X=${run}\nUSER node\nCMD ["node", "${run}"]\n` }),
  compose: (run) => ({ 'docker-compose.yml': `services:\n  app:\n    image: ghcr.io/acme/app:1.0.0\n    environment:\n      SECRET_${run.slice(0, 100)}: "${run.replace(/"/g, "'")}"\n    command: "${run.replace(/"/g, "'")}"\n` }),
  source: (run) => ({ 'package.json': '{ "name": "api", "scripts": { "start": "node src/server.js" }, "dependencies": { "express": "^5.1.0" } }\n', 'src/server.js': `const express = require('express');\nconst s = ${JSON.stringify(run)};\nconst app = express();\napp.get('/health', (req, res) => res.send(s));\napp.listen(process.env.PORT || 3000);\n` }),
  shell: (run) => ({ 'scripts/deploy.sh': `#!/bin/sh\necho ${run}\nchmod 777 ${run}\n` }),
  nginx: (run) => ({ 'nginx/nginx.conf': `events {}\nhttp {\n  server {\n    listen 80;\n    location ~ ${run.replace(/[{};]/g, 'x')} { return 200; }\n    add_header X ${JSON.stringify(run.replace(/[{};]/g, 'x'))};\n  }\n}\n` }),
  k8s: (run) => ({ 'k8s/deploy.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.0.0\n          args: [${JSON.stringify(run)}]\n          env:\n            - name: X\n              value: ${JSON.stringify(run)}\n` }),
  workflow: (run) => ({ '.github/workflows/ci.yml': `on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test ${JSON.stringify(run).slice(1, -1).replace(/"/g, "'")}\n` }),
  'package-json': (run) => ({ 'package.json': JSON.stringify({ name: 'api', scripts: { start: `node ${run}`, test: run }, engines: { node: run } }) }),
  systemd: (run) => ({ 'deploy/api.service': `[Service]\nExecStart=/usr/bin/node ${run}\nEnvironment=X=${run}\n` }),
  'app-config': (run) => ({ 'config/production.json': JSON.stringify({ [`key${run}`]: run, errors: { sanitize: run } }) }),
};

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipready-long-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function timed(files: Record<string, string>, name: string): Promise<number> {
  const root = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const start = performance.now();
  await lint({ root, now: new Date('2026-06-15T12:00:00Z') });
  return performance.now() - start;
}

describe('every rule on long lines', () => {
  for (const [place, files] of Object.entries(PLACES)) {
    it(`grows about linearly in ${place} files`, async () => {
      for (const [what, unit] of Object.entries(SUSPECTS)) {
        const small = await timed(files(unit.repeat(SMALL / unit.length)), `${place}-${what}-small`);
        const large = await timed(files(unit.repeat(LARGE / unit.length)), `${place}-${what}-large`);
        // A floor for the small run keeps timer noise on a few milliseconds from reading as growth.
        expect(large / Math.max(small, 50), `${place}, ${what}: ${Math.round(small)} ms → ${Math.round(large)} ms`).toBeLessThan(40);
        expect(large, `${place}, ${what}`).toBeLessThan(20_000);
      }
    }, 120_000);
  }
});
