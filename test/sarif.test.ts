/**
 * SARIF output validates against the SARIF 2.1.0 JSON schema and carries what code scanning needs.
 *
 * test/fixtures/sarif-schema-2.1.0.json is `sarif-2.1.0.json` from the npm package
 * @microsoft/sarif-multitool-linux@5.7.0 (the SARIF SDK's schema, JSON Schema 2020-12), copied byte for
 * byte: sha256 1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c. It is the OASIS
 * 2.1.0 schema with JavaScript-compatible patterns (the OASIS file's `(?i)` language pattern does not
 * compile in JavaScript). To refresh: `npm pack @microsoft/sarif-multitool-linux@<version>` and copy
 * `package/sarif-2.1.0.json` (the package is 43 MB of .NET binaries, so it is not a devDependency).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../src/reporters/sarif.ts';
import { hostileResult, NODE_USER_DOCKERFILE, ROOT, ROOT_DOCKERFILE, resultOf } from './reporter-fixture.ts';

const SCHEMA_FILE = new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url);
const SCHEMA_SHA256 = '1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c';
const schemaBytes = readFileSync(SCHEMA_FILE);
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin.
addFormatsModule.default(ajv);
const validate = ajv.compile(JSON.parse(schemaBytes.toString('utf8')));

// biome-ignore lint/suspicious/noExplicitAny: SARIF is read as plain JSON in these assertions
function sarifOf(text: string): any {
  const log = JSON.parse(text);
  const ok = validate(log);
  expect(ok ? [] : validate.errors, 'SARIF schema errors').toEqual([]);
  return log;
}

describe('sarif', () => {
  it('uses the schema fixture recorded above', () => {
    expect(createHash('sha256').update(schemaBytes).digest('hex')).toBe(SCHEMA_SHA256);
  });

  it('the validator rejects an invalid log (the schema is really applied)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
    // Formats are checked: a raw space is not a URI reference.
    const location = { physicalLocation: { artifactLocation: { uri: 'dir with space/Dockerfile' } } };
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [location] }] }] })).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('uri-reference');
  });

  it('describes the tool and every rule that ran', () => {
    const log = sarifOf(formatSarif(resultOf({ Dockerfile: ROOT_DOCKERFILE })));
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'shipready', informationUri: 'https://github.com/shipready/shipready' });
    expect(typeof driver.version).toBe('string');
    const rule = driver.rules.find((r: { id: string }) => r.id === 'docker/non-root');
    expect(rule).toMatchObject({
      name: 'DockerNonRoot',
      shortDescription: { text: 'The container runs as a non-root user' },
      helpUri: 'https://github.com/shipready/shipready/blob/main/docs/rules/docker/non-root.md',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'security', tags: ['security'], 'security-severity': '8.0' },
    });
    expect(rule.fullDescription.text).toMatch(/^A process that runs as root/);
    expect(rule.help.text).toContain('Fix: Add `USER node`');
    expect(rule.help.markdown).toContain('**Fix:** Add `USER node`');
    // Engine rules are described too; only security rules carry a security-severity.
    const parseError = driver.rules.find((r: { id: string }) => r.id === 'shipready/parse-error');
    expect(parseError.properties).toEqual({ category: 'reliability', tags: ['reliability'] });
  });

  it('gives each result its rule, level, message, root-relative location and fingerprint', () => {
    const result = resultOf({ 'api/Dockerfile': ROOT_DOCKERFILE, 'worker/Dockerfile': NODE_USER_DOCKERFILE });
    const log = sarifOf(formatSarif(result));
    const run = log.runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///srv/my%20repo%20%231/' } });
    expect(run.results).toHaveLength(1);
    const [r] = run.results;
    expect(r).toMatchObject({
      ruleId: 'docker/non-root',
      level: 'error',
      message: { text: expect.stringContaining('never sets USER') },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'api/Dockerfile', uriBaseId: '%SRCROOT%' },
            region: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 13 },
          },
        },
      ],
      partialFingerprints: { 'shipready/v1': result.findings[0]!.fingerprint },
    });
    expect(run.tool.driver.rules[r.ruleIndex].id).toBe('docker/non-root');
    expect(r).not.toHaveProperty('suppressions');
    expect(r).not.toHaveProperty('baselineState');
  });

  it('fingerprints survive a line shift elsewhere in the file', () => {
    const before = sarifOf(formatSarif(resultOf({ Dockerfile: ROOT_DOCKERFILE })));
    const after = sarifOf(formatSarif(resultOf({ Dockerfile: `# syntax=docker/dockerfile:1\n\n${ROOT_DOCKERFILE}` })));
    expect(after.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(3);
    expect(after.runs[0].results[0].partialFingerprints).toEqual(before.runs[0].results[0].partialFingerprints);
  });

  it('encodes hostile file names as relative URI references and stays valid, including <stdin>', () => {
    const log = sarifOf(formatSarif(hostileResult()));
    const uris: string[] = log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('%3Cstdin%3E');
    expect(uris).toContain('dir%20with%20space/Dockerfile');
    expect(uris).toContain('100%25/Dockerfile');
    expect(uris).toContain('%23frag%3Fq%3D1/Dockerfile');
    expect(uris).toContain('a%3Ab%2Cc/Dockerfile');
    expect(uris).toContain('%C3%BCn%C3%AFc%C3%B8d%C3%A9%20%E2%9C%93/Dockerfile');
    expect(uris).toContain('line%0Abreak%0D%3A%3Aerror%20file%3Dx%3A%3Apwned/Dockerfile');
    for (const uri of uris) {
      // Resolved against the root, every URI stays inside it as one path: no scheme, query or fragment.
      const resolved = new URL(uri, 'file:///root/');
      expect(resolved.protocol).toBe('file:');
      expect(resolved.search + resolved.hash).toBe('');
      expect(decodeURIComponent(resolved.pathname.slice('/root/'.length))).not.toBe('');
    }
    // Percent-decoding gives back the file name exactly.
    const decoded = uris.map((u) => u.split('/').map(decodeURIComponent).join('/'));
    expect(decoded).toEqual(hostileResult().findings.map((f) => f.file));
  });

  it('validates with zero findings and with nothing to assess', () => {
    const clean = sarifOf(formatSarif(resultOf({ Dockerfile: NODE_USER_DOCKERFILE })));
    expect(clean.runs[0].results).toEqual([]);
    expect(clean.runs[0].properties).toEqual({ score: 100, grade: 'A', categories: { security: 100 }, costs: [] });
    const empty = sarifOf(formatSarif(resultOf({})));
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].properties).toMatchObject({ score: null, grade: null });
  });

  it('marks suppressed findings in source and sets baselineState only when a baseline was used', () => {
    const result = resultOf({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': ROOT_DOCKERFILE, 'c/Dockerfile': ROOT_DOCKERFILE });
    const [a, b] = result.findings;
    a!.suppressed = { kind: 'inline', reason: 'init container drops privileges' };
    b!.baselined = { reason: 'tracked in OPS-12' };
    const plain = sarifOf(formatSarif(result)).runs[0].results;
    expect(plain[0].suppressions).toEqual([{ kind: 'inSource', justification: 'init container drops privileges' }]);
    expect(plain.map((r: { baselineState?: string }) => r.baselineState)).toEqual([undefined, undefined, undefined]);
    const withBaseline = sarifOf(formatSarif(result, { baseline: true })).runs[0].results;
    expect(withBaseline.map((r: { baselineState?: string }) => r.baselineState)).toEqual(['new', 'unchanged', 'new']);
    expect(withBaseline[1]).not.toHaveProperty('suppressions');
  });

  it('keeps regions valid when a finding has no width or an inverted end', () => {
    const result = resultOf({ Dockerfile: ROOT_DOCKERFILE });
    Object.assign(result.findings[0]!, { line: 4, column: 3, endLine: 2, endColumn: 1 });
    const region = sarifOf(formatSarif(result)).runs[0].results[0].locations[0].physicalLocation.region;
    expect(region).toEqual({ startLine: 4, startColumn: 3, endLine: 4, endColumn: 3 });
  });

  it('carries the run notices (skipped chart templates, links not followed) as tool execution notifications', () => {
    const result = resultOf({ Dockerfile: ROOT_DOCKERFILE });
    const helm = 'chart/templates: Helm chart templates are not YAML until rendered, so they were not read';
    const walk = 'more than 100000 entries under the root: the rest was not read';
    result.notices.push({ file: 'chart/templates', message: helm }, { message: walk });
    const run = sarifOf(formatSarif(result, { pathPrefix: 'services/api' })).runs[0];
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'note',
            message: { text: helm },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'services/api/chart/templates', uriBaseId: '%SRCROOT%' } } }],
          },
          { level: 'note', message: { text: walk } },
        ],
      },
    ]);
    expect(sarifOf(formatSarif(resultOf({ Dockerfile: ROOT_DOCKERFILE }))).runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('gives the root as a file URI ending in a slash', () => {
    const log = sarifOf(formatSarif(resultOf({ Dockerfile: ROOT_DOCKERFILE }, '/')));
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///');
    expect(ROOT).toContain('#');
  });
});
