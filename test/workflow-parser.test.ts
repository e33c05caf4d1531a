// biome-ignore-all lint/suspicious/noTemplateCurlyInString: workflow text holds ${{ expressions }}
/** GitHub workflow parser: triggers in every form, jobs, steps with positions, matrix values, reusable workflows. */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { makeSourceFile } from '../src/discover.ts';
import { parseWorkflow, runsOnPullRequests } from '../src/parsers/workflow.ts';
import { yamlLocator } from '../src/parsers/yaml-loc.ts';

function parsed(...lines: string[]) {
  const file = makeSourceFile('.github/workflows/ci.yml', 'workflow', lines.join('\n'));
  return parseWorkflow(file, parseAllDocuments(file.text)[0] as never, yamlLocator(file));
}

function workflow(...lines: string[]) {
  const wf = parsed(...lines);
  if (!wf) throw new Error('no workflow');
  return wf;
}

describe('workflow parser', () => {
  it('a file with every line commented out is no workflow and no error', () => {
    expect(parsed('#on: push', '#jobs:', '#  test:', '#    runs-on: ubuntu-latest')).toBeUndefined();
    expect(parsed('')).toBeUndefined();
    expect(() => parsed('just a string')).toThrow(/must be a mapping/);
  });

  it('reads a single event, a list of events and the map form, each at its name', () => {
    expect(workflow('on: pull_request', 'jobs: {}').triggers.map((t) => t.value)).toEqual(['pull_request']);
    const list = workflow('on: [push, pull_request]', 'jobs: {}');
    expect(list.triggers.map((t) => [t.value, t.loc.line, t.loc.column, t.loc.endColumn])).toEqual([
      ['push', 1, 6, 10],
      ['pull_request', 1, 12, 24],
    ]);
    const map = workflow('on:', '  push:', '    branches: [main]', '  pull_request_target:', 'jobs: {}');
    expect(map.triggers.map((t) => [t.value, t.loc.line])).toEqual([
      ['push', 2],
      ['pull_request_target', 4],
    ]);
    expect(map.onLoc).toMatchObject({ line: 1, column: 1, endColumn: 3 });
    expect(runsOnPullRequests(map)).toBe(true);
    expect(runsOnPullRequests(workflow('on: push', 'jobs: {}'))).toBe(false);
  });

  it('places every word of a literal-block run where it is written', () => {
    const wf = workflow('on: pull_request', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: |', '          npm ci', '          npm test -- --ci');
    const job = wf.jobs[0];
    expect(job?.id).toBe('test');
    expect(job?.loc).toMatchObject({ line: 3, column: 3 });
    expect(job?.steps[0]?.uses).toMatchObject({ value: 'actions/checkout@v4', loc: { line: 6, column: 15 } });
    const run = job?.steps[1]?.run;
    expect(run?.commands.map((c) => c.words.map((w) => w.value))).toEqual([['npm', 'ci'], ['npm', 'test', '--', '--ci']]);
    expect(run?.commands[1]?.words[1]?.loc).toMatchObject({ line: 9, column: 15, endLine: 9, endColumn: 19 });
  });

  it('places a one-line run and a quoted run', () => {
    const wf = workflow('on: push', 'jobs:', '  a:', '    steps:', '      - run: npm run test:ci', '      - run: "npx vitest run"');
    expect(wf.jobs[0]?.steps[0]?.run?.commands[0]?.words[2]?.loc).toMatchObject({ line: 5, column: 22, endColumn: 29 });
    expect(wf.jobs[0]?.steps[1]?.run?.commands[0]?.words[1]?.loc).toMatchObject({ line: 6, column: 19, endColumn: 25 });
  });

  it('substitutes matrix values into the commands a step runs', () => {
    const wf = workflow(
      'on: pull_request',
      'jobs:',
      '  check:',
      '    strategy:',
      '      matrix:',
      '        task: [lint, build]',
      '        include:',
      '          - task: test',
      '    steps:',
      '      - run: npm run ${{ matrix.task }}',
    );
    expect(wf.jobs[0]?.matrix.get('task')).toEqual(['lint', 'build', 'test']);
    expect(wf.jobs[0]?.steps[0]?.run?.invocations).toContainEqual(['npm', 'run', 'test']);
  });

  it('records reusable workflow calls and working directories', () => {
    const wf = workflow(
      'on: pull_request',
      'defaults:',
      '  run:',
      '    working-directory: ./services/api',
      'jobs:',
      '  test:',
      '    uses: ./.github/workflows/test.yml',
      '  remote:',
      '    uses: org/repo/.github/workflows/x.yml@v1',
      '  local:',
      '    steps:',
      '      - run: npm test',
      '        working-directory: web/',
    );
    expect(wf.jobs.map((j) => j.calls)).toEqual(['.github/workflows/test.yml', undefined, undefined]);
    expect(wf.jobs[1]?.uses?.value).toBe('org/repo/.github/workflows/x.yml@v1');
    expect(wf.jobs[2]?.steps[0]?.workingDirectory).toBe('web');
  });

  it('throws with a position when the file is not a workflow', () => {
    expect(() => workflow('name: x', 'jobs: {}')).toThrow(/needs `on:`/);
    expect(() => workflow('on: push')).toThrow(/needs `jobs:`/);
    try {
      workflow('on: push', 'jobs:', '  a:', '    steps: npm test');
    } catch (error) {
      expect(error).toMatchObject({ line: 4, column: 12 });
    }
    expect(() => workflow('on: push', 'jobs:', '  a:', '    steps: npm test')).toThrow(/must be a list/);
  });
});
