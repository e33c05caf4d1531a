/**
 * The examples: examples/seeds-service is deployed the way the seed guides deploy their services and has
 * the flaws RULES.md describes; examples/well-run-service passes every rule. The expected findings are
 * written from the Dockerfile and the catalog, and checked for the rules the registry has today.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.ts';
import { run } from '../src/engine.ts';
import type { Finding } from '../src/types.ts';
import { CASE_CLOCK } from './harness.ts';

interface Expected {
  ruleId: string;
  file: string;
  line: number;
}

/** examples/seeds-service/Dockerfile, line by line against the docker/* catalog. */
const SEEDS_SERVICE_DOCKER: Expected[] = [
  // FROM node:18-alpine: the final (only) stage never sets USER.
  { ruleId: 'docker/non-root', file: 'Dockerfile', line: 1 },
  // FROM node:18-alpine: Node.js 18 reached end of life in April 2025.
  { ruleId: 'docker/node-version', file: 'Dockerfile', line: 1 },
  // RUN npm ci --only=production: npm >= 7 wants --omit=dev.
  { ruleId: 'docker/deprecated-npm-flag', file: 'Dockerfile', line: 7 },
  // COPY node_modules ./node_modules: host modules overwrite the clean install.
  { ruleId: 'docker/no-host-node-modules', file: 'Dockerfile', line: 11 },
  // Not expected: healthcheck (declared), healthcheck-tool (runs node), node-env (ENV NODE_ENV=production),
  // prod-deps-only (--only=production omits dev dependencies), npm-ci, dockerignore (no `COPY . .`),
  // exec-form and direct-node (CMD ["node", …]), base-image-pinned (tagged), no-inspect,
  // no-secret-in-image, dev-tools-off (FORTISTATE_ENABLE_INSPECTOR=false turns it off).
];

const registered = new Set(rules.map((r) => r.id));

function where(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
}

function byPosition(a: Expected, b: Expected): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.ruleId.localeCompare(b.ruleId);
}

describe('examples/seeds-service', async () => {
  const result = await run({ root: 'examples/seeds-service', rules, now: CASE_CLOCK });

  it('has the docker findings the catalog predicts, at the predicted lines', () => {
    const actual = result.findings
      .filter((f) => f.ruleId.startsWith('docker/'))
      .map(({ ruleId, file, line }) => ({ ruleId, file, line }))
      .sort(byPosition);
    expect(actual).toEqual(SEEDS_SERVICE_DOCKER.filter((e) => registered.has(e.ruleId)).sort(byPosition));
  });

  it('fails the gate and has a score', () => {
    expect(result.counts.error).toBeGreaterThan(0);
    expect(result.score.score).not.toBeNull();
  });
});

describe('examples/well-run-service', async () => {
  const result = await run({ root: 'examples/well-run-service', rules, now: CASE_CLOCK });

  it('has no finding from any rule', () => {
    expect(where(result.findings)).toEqual([]);
  });

  it('is assessed, and scores 100', () => {
    expect(result.score.score).toBe(100);
  });
});
