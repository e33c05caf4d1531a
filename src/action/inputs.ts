/**
 * The action's inputs (action.yml) and the runner's context (GITHUB_* variables and the event
 * payload). Every input is optional: an empty one takes its documented default, so the action
 * behaves the same whether or not the runner filled in action.yml's defaults.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import type { FailOn } from '../config.ts';

export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
export const FILTER_MODES = ['new', 'added', 'diff_context', 'file', 'nofilter'] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

export interface ActionInputs {
  /** The folder to lint, relative to the workspace. */
  path: string;
  config?: string;
  /** A baseline file, relative to the workspace (undefined: the config's `baseline`, if any). */
  baseline?: string;
  /** Undefined: the config file's `failOn`, else `error`. */
  failOn?: FailOn;
  minScore?: number;
  /** Fail when the score falls by more than this from the pull request's base. */
  maxScoreDrop?: number;
  sarifFile?: string;
  annotations: boolean;
  summary: boolean;
  comment: boolean;
  filterMode: FilterMode;
  token?: string;
}

/** A bad input: the step fails with a message that names it. */
export class InputError extends Error {}

function oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  const value = core.getInput(name);
  if (value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new InputError(`input ${name}: '${value}' is not one of ${allowed.join(', ')}`);
  return value as T;
}

/** YAML 1.2 core-schema booleans, as core.getBooleanInput reads them, with a default for an empty input. */
function flag(name: string, fallback: boolean): boolean {
  const value = core.getInput(name);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`input ${name}: '${value}' is not a boolean (true or false)`);
}

/** `env` supplies GITHUB_TOKEN when github-token is empty (the runner fills in `github.token` itself). */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const points = (name: string): number | undefined => {
    const value = core.getInput(name);
    if (value === '') return undefined;
    if (!/^\d+$/.test(value) || Number(value) > 100) throw new InputError(`input ${name}: '${value}' is not a whole number from 0 to 100`);
    return Number(value);
  };
  return {
    path: core.getInput('path') || '.',
    config: core.getInput('config') || undefined,
    baseline: core.getInput('baseline') || undefined,
    failOn: oneOf('fail-on', FAIL_ON),
    minScore: points('min-score'),
    maxScoreDrop: points('max-score-drop'),
    sarifFile: core.getInput('sarif-file') || undefined,
    annotations: flag('annotations', true),
    summary: flag('summary', true),
    comment: flag('comment', false),
    filterMode: oneOf('filter-mode', FILTER_MODES) ?? 'new',
    token: core.getInput('github-token') || env.GITHUB_TOKEN || undefined,
  };
}

export interface PullRequest {
  number: number;
  baseSha: string;
  headSha: string;
}

/** What the runner tells the action about where it runs. */
export interface ActionContext {
  workspace: string;
  eventName: string;
  owner?: string;
  repo?: string;
  serverUrl: string;
  apiUrl: string;
  /** The commit the workflow checked out (blob links point at it). */
  sha?: string;
  /** Set on pull_request and pull_request_target events. */
  pullRequest?: PullRequest;
  /** Where the JSON report goes (RUNNER_TEMP on a runner). */
  tempDir: string;
  /** The step's id, to keep two shipready steps of one job apart. */
  step: string;
}

interface PullRequestPayload {
  pull_request?: { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown } };
}

function readPayload(path: string | undefined): PullRequestPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PullRequestPayload;
  } catch (error) {
    core.warning(`shipready: could not read the event payload ${path} (${(error as Error).message}); treating this run as a push`);
    return {};
  }
}

function pullRequestOf(payload: PullRequestPayload): PullRequest | undefined {
  const pr = payload.pull_request;
  const number = pr?.number;
  const baseSha = pr?.base?.sha;
  const headSha = pr?.head?.sha;
  if (typeof number !== 'number' || typeof baseSha !== 'string' || typeof headSha !== 'string') return undefined;
  return { number, baseSha, headSha };
}

export function readContext(env: NodeJS.ProcessEnv, cwd: string): ActionContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  return {
    workspace: env.GITHUB_WORKSPACE || cwd,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    owner: owner || undefined,
    repo: repo || undefined,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    sha: env.GITHUB_SHA || undefined,
    pullRequest: pullRequestOf(readPayload(env.GITHUB_EVENT_PATH)),
    tempDir: env.RUNNER_TEMP || tmpdir(),
    step: (env.GITHUB_ACTION || 'shipready').replace(/[^\w.-]/g, '_'),
  };
}
