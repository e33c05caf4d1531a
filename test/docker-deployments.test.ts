/**
 * docker/healthcheck and docker/node-env pass when every deployment of the image covers what the
 * Dockerfile lacks. No manifest parser links deployments yet, so the Project is built by hand.
 */
import { describe, expect, it } from 'vitest';
import healthcheck from '../rules/docker/healthcheck/rule.ts';
import nodeEnv from '../rules/docker/node-env/rule.ts';
import { defaultConfig } from '../src/config.ts';
import { makeSourceFile } from '../src/discover.ts';
import { evaluate } from '../src/engine.ts';
import { type Deployment, makeProject } from '../src/model/project.ts';
import { parseDockerfile } from '../src/parsers/dockerfile.ts';
import { buildScope } from '../src/model/scope.ts';
import type { Rule } from '../src/rule.ts';
import type { Loc } from '../src/types.ts';

/** A Node image without HEALTHCHECK and without NODE_ENV: both rules fail on it alone. */
const DOCKERFILE = 'FROM node:22-alpine\nCOPY dist ./dist\nCMD ["node", "dist/server.js"]\n';
const at: Loc = { file: 'k8s/deployment.yaml', line: 1, column: 1, endLine: 1, endColumn: 1 };

function deployment(dockerfile: ReturnType<typeof parseDockerfile> | undefined, overrides: Partial<Deployment>): Deployment {
  return { platform: 'kubernetes', name: 'Deployment/api container api', loc: at, dockerfile, healthcheck: 'none', env: new Map(), ...overrides };
}

function outcome(rule: Rule, deployments: (df: ReturnType<typeof parseDockerfile>) => Deployment[]) {
  const file = makeSourceFile('Dockerfile', 'dockerfile', DOCKERFILE);
  const dockerfile = parseDockerfile(file);
  const scope = buildScope({ files: [file], production: [], development: [], dockerfiles: [dockerfile], compose: [], workloads: [], imageBuilds: [], packages: [], dockerfileOfImage: () => undefined, serviceKind: () => undefined });
  const project = makeProject({ root: '/repo', scope, files: [file], dockerfiles: [dockerfile], dockerignores: [], packages: [], deployments: deployments(dockerfile) });
  const { evaluations, findings } = evaluate(project, [rule], defaultConfig(), new Date('2026-06-15T12:00:00Z'));
  expect(evaluations.map((e) => e.subject)).toEqual(['Dockerfile']);
  return { outcome: evaluations[0]?.outcome, messages: findings.map((f) => f.messageId) };
}

const production = new Map([['NODE_ENV', { value: 'production', loc: at }]]);

describe('docker/healthcheck with deployments', () => {
  it('fails without deployments', () => {
    expect(outcome(healthcheck, () => [])).toEqual({ outcome: 'fail', messages: ['missing'] });
  });

  it('passes when every deployment defines its own probe', () => {
    const result = outcome(healthcheck, (df) => [deployment(df, { healthcheck: 'defined' }), deployment(df, { platform: 'compose', name: 'api', healthcheck: 'defined' })]);
    expect(result).toEqual({ outcome: 'pass', messages: [] });
  });

  it('fails when one deployment has no probe or disables it', () => {
    for (const other of ['none', 'disabled'] as const) {
      const result = outcome(healthcheck, (df) => [deployment(df, { healthcheck: 'defined' }), deployment(df, { healthcheck: other })]);
      expect(result, other).toEqual({ outcome: 'fail', messages: ['missing'] });
    }
  });

  it('ignores deployments of other images', () => {
    expect(outcome(healthcheck, () => [deployment(undefined, { healthcheck: 'defined' })])).toEqual({ outcome: 'fail', messages: ['missing'] });
  });
});

describe('docker/node-env with deployments', () => {
  it('fails without deployments', () => {
    expect(outcome(nodeEnv, () => [])).toEqual({ outcome: 'fail', messages: ['missing'] });
  });

  it('passes when every deployment sets NODE_ENV=production', () => {
    expect(outcome(nodeEnv, (df) => [deployment(df, { env: production }), deployment(df, { env: production })])).toEqual({ outcome: 'pass', messages: [] });
  });

  it('fails when a deployment leaves it out; a value every deployment sets (another, or from a secret) is what runs, judged by the deployment rules', () => {
    const result = outcome(nodeEnv, (df) => [deployment(df, { env: production }), deployment(df, { env: new Map() })]);
    expect(result).toEqual({ outcome: 'fail', messages: ['missing'] });
    for (const env of [new Map([['NODE_ENV', { value: 'development', loc: at }]]), new Map([['NODE_ENV', { value: null, loc: at }]])]) {
      expect(outcome(nodeEnv, (df) => [deployment(df, { env: production }), deployment(df, { env })]).outcome).toBe('pass');
    }
  });
});
