/**
 * Meta-tests: the registry matches the rule folders, every rule's metadata and cases are complete,
 * and the generated docs and README rule table are current. General over every rule folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { rules } from '../rules/index.ts';
import { allMetas, DOCS_DIR, README_END, README_START, readmeTable, renderDocs, type RuleMeta, withReadmeTable } from '../scripts/docs.ts';
import { indexSource, loadRuleFolders, ruleFolders } from '../scripts/rule-folders.ts';
import { ENGINE_RULES } from '../src/rule.ts';
import { CATEGORIES, SEVERITIES } from '../src/types.ts';
import { loadCases } from './harness.ts';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REGENERATE = 'stale: run `npm run generate`';
/** The keys test/harness.ts reads from a folder case's case.yaml (keep in step with loadCases). */
const CASE_SETTINGS = ['now', 'options', 'config', 'tracked'];

describe('rule registry', () => {
  it('rules/index.ts is what `npm run generate` writes', () => {
    expect(readFileSync('rules/index.ts', 'utf8'), REGENERATE).toBe(indexSource(ruleFolders('rules')));
  });

  it("every rule's id is its folder path and appears in the index exactly once", async () => {
    const folders = await loadRuleFolders('rules', ruleFolders('rules'));
    for (const { folder, rule } of folders) {
      expect(rule.id, `rules/${folder}/rule.ts`).toBe(folder);
      expect(rules.filter((r) => r.id === folder).length, `${folder} in rules/index.ts`).toBe(1);
    }
    expect(rules.map((r) => r.id)).toEqual(folders.map((f) => f.folder));
  });

  it('engine rule ids are not rule folders', () => {
    for (const id of Object.keys(ENGINE_RULES)) expect(rules.some((r) => r.id === id), id).toBe(false);
  });
});

function checkMetadata(meta: RuleMeta): void {
  expect(meta.id, 'id is family/name in lowercase kebab-case').toMatch(ID);
  expect(meta.title.trim(), 'title').not.toBe('');
  expect(meta.rationale.trim().length, 'rationale: at least 80 characters saying why it matters in production').toBeGreaterThanOrEqual(80);
  expect(meta.fix.trim(), 'fix').not.toBe('');
  expect(CATEGORIES, 'category').toContain(meta.category);
  expect(SEVERITIES, 'severity').toContain(meta.severity);
}

for (const meta of Object.values(ENGINE_RULES)) {
  it(`${meta.id}: metadata is complete`, () => checkMetadata(meta));
}

for (const rule of rules) {
  describe(`${rule.id} (meta)`, async () => {
    const cases = await loadCases(join('rules', rule.id));
    const messageIds = Object.keys(rule.messages);

    it('metadata is complete', () => {
      checkMetadata(rule);
      expect(rule.appliesTo.length, 'appliesTo names the artifact kinds it reads').toBeGreaterThan(0);
      expect(messageIds.length, 'messages').toBeGreaterThan(0);
    });

    it('options: the defaults and every case.yaml options validate against the schema', () => {
      const withOptions = cases.filter((c) => c.options !== undefined);
      if (!rule.options) {
        expect(withOptions.map((c) => c.name), 'cases give options to a rule that takes none').toEqual([]);
        return;
      }
      const validate = new Ajv({ allErrors: true, strict: true }).compile(rule.options.schema);
      expect(validate(rule.options.defaults), `defaults: ${JSON.stringify(validate.errors)}`).toBe(true);
      for (const c of withOptions) expect(validate(c.options), `${c.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    });

    it('has a failing case and a passing case (no expectations)', () => {
      expect(cases.filter((c) => c.expectations.length > 0).length, 'failing cases').toBeGreaterThan(0);
      expect(cases.filter((c) => c.expectations.length === 0).length, 'passing cases').toBeGreaterThan(0);
    });

    it('case names are unique (also ignoring case) and no two cases are the same', () => {
      const names = cases.map((c) => c.name.toLowerCase());
      expect(names.filter((n, i) => names.indexOf(n) !== i), 'names that differ only in letter case').toEqual([]);
      // A case is its files plus its settings (date, options, …): everything but where it lives and what it expects.
      const contents = cases.map(({ name, path, root, expectations, files, ...settings }) => JSON.stringify([files.map((f) => [f.path, f.text]), settings]));
      expect(cases.filter((_c, i) => contents.indexOf(contents[i] as string) !== i).map((c) => c.name), 'duplicates of an earlier case').toEqual([]);
    });

    it('case.yaml has only known keys and every .expect.yaml belongs to a case file', () => {
      const problems: string[] = [];
      for (const c of cases.filter((k) => existsSync(join(k.path, 'case.yaml')))) {
        const settings = (parseYaml(readFileSync(join(c.path, 'case.yaml'), 'utf8')) ?? {}) as object;
        for (const key of Object.keys(settings)) if (!CASE_SETTINGS.includes(key)) problems.push(`${c.name}/case.yaml: unknown key ${key} (known: ${CASE_SETTINGS.join(', ')})`);
      }
      for (const file of filesUnder(join('rules', rule.id, 'cases')).filter((f) => f.endsWith('.expect.yaml'))) {
        if (!existsSync(file.slice(0, -'.expect.yaml'.length))) problems.push(`${file}: no case file of that name`);
      }
      expect(problems).toEqual([]);
    });

    it('expectations name message ids the rule has', () => {
      const unknown = cases.flatMap((c) => c.expectations.filter((e) => !messageIds.includes(e.messageId)).map((e) => `${c.name}: ${e.file}:${e.line} ${e.messageId}`));
      expect(unknown, `known: ${messageIds.join(', ')}`).toEqual([]);
    });

    it('every message id is expected by at least one case', () => {
      const expected = new Set(cases.flatMap((c) => c.expectations.map((e) => e.messageId)));
      expect(messageIds.filter((id) => !expected.has(id)), 'messages no case exercises').toEqual([]);
    });
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).split('\\').join('/'))
    .sort();
}

describe('generated docs', () => {
  it(`${DOCS_DIR} is what \`npm run generate\` writes`, async () => {
    const generated = await renderDocs(rules);
    expect(filesUnder(DOCS_DIR), REGENERATE).toEqual([...generated.keys()]);
    for (const [path, text] of generated) expect(readFileSync(path, 'utf8'), `${path} ${REGENERATE}`).toBe(text);
  });

  it('README.md has the current rule table between its markers', () => {
    expect(existsSync('README.md'), 'README.md exists').toBe(true);
    const readme = readFileSync('README.md', 'utf8');
    const updated = withReadmeTable(readme, readmeTable(allMetas(rules)));
    expect(updated, `README.md needs ${README_START} and ${README_END} around the rule table`).toBeDefined();
    expect(readme, REGENERATE).toBe(updated);
  });
});
