/**
 * A score per service: a monorepo of a well-run service and a neglected one (the two examples, side by side) gets
 * one score each beside the repository's, the gate holds every one to --min-score, and every report shows them.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { scopeOf } from '../src/action/changes.ts';
import { statusLines } from '../src/action/summary.ts';
import { gate } from '../src/gate.ts';
import { lint } from '../src/lint.ts';
import { formatHtml } from '../src/reporters/html.ts';
import { formatJson } from '../src/reporters/json.ts';
import { formatMarkdown } from '../src/reporters/markdown.ts';
import { formatText } from '../src/reporters/text.ts';
import { CASE_CLOCK } from './harness.ts';

describe('a score per service', async () => {
  const root = mkdtempSync(join(tmpdir(), 'shipready-services-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }, null, 2)}\n`);
  cpSync('examples/well-run-service', join(root, 'services', 'catalog'), { recursive: true });
  cpSync('examples/seeds-service', join(root, 'services', 'fortistate'), { recursive: true });
  // No security policy anywhere: a repository-level finding, which lands on a package but counts for no service.
  rmSync(join(root, 'services', 'catalog', 'SECURITY.md'));
  const { result } = await lint({ root, now: CASE_CLOCK });
  const [catalog, fortistate] = result.services;

  it('scores each deployable unit from the files in its folder, the well-run one higher', () => {
    expect(result.services.map((s) => [s.name, s.root])).toEqual([
      ['catalog-api', 'services/catalog'],
      ['fortistate-api', 'services/fortistate'],
    ]);
    expect(catalog?.score).toBe(100);
    expect(fortistate?.score).toBeLessThan(80);
    expect(catalog?.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect(fortistate?.counts.error).toBeGreaterThan(0);
    // The repository's score lies between the two: it averages what the services' scores keep apart.
    expect(result.score.score).toBeGreaterThan(fortistate?.score ?? 100);
    expect(result.score.score).toBeLessThan(100);
  });

  it('leaves repository-level rules out of every service', () => {
    const policy = result.findings.filter((f) => f.ruleId === 'ops/security-policy');
    expect(policy).toHaveLength(1);
    expect(result.rules.find((r) => r.id === 'ops/security-policy')?.repositoryLevel).toBe(true);
    // Wherever it is reported, no service counts it: the well-run service keeps 100 and no findings.
    expect(catalog?.score).toBe(100);
    expect(catalog?.counts).toEqual({ error: 0, warning: 0, info: 0 });
    const fortistateOwn = result.findings.filter((f) => f.file.startsWith('services/fortistate/') && f.ruleId !== 'ops/security-policy').length;
    const counted = (fortistate?.counts.error ?? 0) + (fortistate?.counts.warning ?? 0) + (fortistate?.counts.info ?? 0);
    expect(counted).toBe(fortistateOwn);
  });

  it('holds every service to --min-score, naming the one below it', () => {
    const verdict = gate(result, 'never', 80);
    expect(verdict.reasons).toContain(`service fortistate-api (services/fortistate) score ${fortistate?.score} below 80`);
    expect(verdict.reasons.some((r) => r.includes('catalog-api'))).toBe(false);
    expect(gate(result, 'never', 0).passed).toBe(true);
  });

  it('max-score-drop holds every service too, matched with the base by folder', () => {
    const now = fortistate?.score ?? 0;
    const drop = { max: 5, base: result.score.score, services: [{ root: 'services/fortistate', score: now + 10 }, { root: 'services/gone', score: 90 }], name: 'main' };
    expect(gate(result, 'never', undefined, undefined, drop).reasons).toEqual([`service fortistate-api (services/fortistate) score fell by 10 since main (${now + 10} → ${now}), more than 5`]);
    expect(gate(result, 'never', undefined, undefined, { ...drop, max: 10 }).passed).toBe(true);
  });

  it('shows one row per service in text and Markdown, and a documented services array in JSON', () => {
    expect(formatText(result, { color: false })).toContain(`  Services:\n    catalog-api (services/catalog)  100/100 (A)  no findings\n    fortistate-api (services/fortistate)  ${fortistate?.score}/100 (${fortistate?.grade})`);
    expect(formatHtml(result)).toContain('<td>catalog-api</td><td><code>services/catalog</code></td><td>100/100 (A)</td><td>no findings</td>');
    expect(formatMarkdown(result)).toContain('| catalog\\-api | `services/catalog` | 100/100 (A) | no findings |');
    const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const json = JSON.parse(formatJson(result));
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(json.services).toHaveLength(2);
  });

  it('keeps a workspace root that only holds the members out of the units, though a root Dockerfile builds one', async () => {
    const mono = mkdtempSync(join(tmpdir(), 'shipready-harness-'));
    try {
      writeFileSync(join(mono, 'package.json'), JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }));
      writeFileSync(join(mono, 'Dockerfile'), 'FROM node:22\nWORKDIR /app\nCOPY apps/api .\nUSER node\nCMD ["node", "server.js"]\n');
      for (const app of ['api', 'web']) {
        mkdirSync(join(mono, 'apps', app), { recursive: true });
        writeFileSync(join(mono, 'apps', app, 'package.json'), JSON.stringify({ name: app, scripts: { start: 'node server.js' }, dependencies: { express: '^4.21.2' } }));
        writeFileSync(join(mono, 'apps', app, 'server.js'), "const app = require('express')();\napp.get('/health', (q, r) => r.send('ok'));\napp.listen(3000);\n");
      }
      const { result: harness } = await lint({ root: mono, now: CASE_CLOCK });
      expect(harness.services.map((s) => s.root)).toEqual(['apps/api', 'apps/web']);
    } finally {
      rmSync(mono, { recursive: true, force: true });
    }
  });

  it('escapes service names in the gate line of the job summary, as any repository text', () => {
    const lines = statusLines({ scope: scopeOf('nofilter', undefined), verdict: { passed: false, reasons: ['service @acme/api ([x](https://evil.example)) score 1 below 80'] } });
    expect(lines[0]).toContain('\\@acme');
    expect(lines[0]).not.toContain('](https');
  });
});
