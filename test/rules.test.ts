/** One harness runs every case of every rule. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.ts';
import { compare, loadCases, runCase } from './harness.ts';

for (const rule of rules) {
  describe(rule.id, async () => {
    const cases = await loadCases(join('rules', rule.id));
    for (const c of cases) {
      it(c.name, () => {
        expect(compare(runCase(rule, c), c.expectations)).toEqual([]);
      });
    }
  });
}
