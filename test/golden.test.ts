/**
 * Golden reports: everything shipready says about the two examples and about a generated 20-service monorepo
 * (scripts/synthetic-monorepo.mjs, the bench's services) — each finding with its span, message and
 * fingerprint, the passes and failures of every rule, the notices, what was left out of production and the
 * score. They guard restructuring (speed work, the source model's extractors): a change meant to keep findings
 * must keep these files byte for byte.
 *
 * The files under test/golden/ were read line by line when they were recorded: every finding in them is
 * intended. A change that alters findings on purpose rewrites them with `UPDATE_GOLDEN=1 npx vitest run
 * test/golden.test.ts`, and the diff is read the same way before it is committed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with the bench, without type declarations
import { writeMonorepo } from '../scripts/synthetic-monorepo.mjs';
import { lint } from '../src/lint.ts';
import { CASE_CLOCK } from './harness.ts';

const HEADER = [
  '# Golden report (test/golden.test.ts). Read line by line when recorded: every finding below is intended.',
  '# A change that alters it on purpose rewrites it with UPDATE_GOLDEN=1 and its diff is read before commit.',
];

/** The whole report as lines: stable order, no absolute paths, no clock. */
async function report(root: string): Promise<string> {
  const { result } = await lint({ root, now: CASE_CLOCK });
  const lines = [...HEADER];
  for (const f of result.findings) {
    const state = f.suppressed ? ` suppressed(${f.suppressed.kind})` : f.baselined ? ' baselined' : '';
    lines.push(
      `finding ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId}${state} [${f.fingerprint}] ${f.message}`,
    );
  }
  const perRule = new Map<string, { pass: number; fail: number }>();
  for (const e of result.evaluations) {
    const tally = perRule.get(e.ruleId) ?? { pass: 0, fail: 0 };
    tally[e.outcome]++;
    perRule.set(e.ruleId, tally);
  }
  for (const [ruleId, { pass, fail }] of [...perRule].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`evaluations ${ruleId} pass ${pass} fail ${fail}`);
  }
  for (const n of result.notices) lines.push(`notice ${n.file ?? '-'} ${n.message}`);
  for (const x of result.excluded) lines.push(`excluded ${x.file}${x.part ? ` (${x.part})` : ''}: ${x.reason}`);
  const { score, grade, categories, passedWeight, applicableWeight } = result.score;
  lines.push(`score ${score} ${grade} ${passedWeight}/${applicableWeight} ${JSON.stringify(categories)}`);
  lines.push(`counts ${JSON.stringify(result.counts)}`);
  for (const sv of result.services) lines.push(`service ${sv.name} (${sv.root}) ${sv.score} ${sv.grade} ${JSON.stringify(sv.categories)} ${JSON.stringify(sv.counts)}`);
  return `${lines.join('\n')}\n`;
}

function expectGolden(name: string, text: string): void {
  const path = join(import.meta.dirname, 'golden', `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('golden reports', () => {
  const temp = mkdtempSync(join(tmpdir(), 'shipready-golden-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it.each(['seeds-service', 'well-run-service'])('examples/%s', async (name) => {
    expectGolden(`examples-${name}`, await report(join('examples', name)));
  });

  it('a generated 20-service monorepo', async () => {
    writeMonorepo(temp, 20);
    expectGolden('monorepo-20', await report(temp));
  });
});
