/**
 * The baseline: today's findings recorded so the gate asks only "did this change make it worse?".
 * Baselined findings stay in every report and in the score; they only stop failing the gate.
 */
import { existsSync } from 'node:fs';
import { Ajv } from 'ajv';
import { ConfigError, readStructured, readUserFile, schemaProblems } from './config.ts';
import { countFindings, type RunResult } from './engine.ts';
import { countServiceFindings } from './service-scores.ts';
import type { Finding } from './types.ts';

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
  /** The finding's message when it was recorded, for people reading the file. */
  message?: string;
  /** For people to fill: why this finding is accepted for now. */
  reason: string;
}

export interface Baseline {
  version: 1;
  tool: 'shipready';
  entries: BaselineEntry[];
}

const BASELINE_SCHEMA = {
  type: 'object',
  required: ['version', 'entries'],
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    tool: { const: 'shipready' },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ruleId', 'file', 'fingerprint'],
        additionalProperties: false,
        properties: {
          ruleId: { type: 'string' },
          file: { type: 'string' },
          fingerprint: { type: 'string' },
          message: { type: 'string' },
          reason: { type: 'string' },
        },
      },
    },
  },
};

/** A finding's identity across runs and revisions: its rule, file and fingerprint. */
export function findingKey(e: Pick<Finding, 'ruleId' | 'file' | 'fingerprint'>): string {
  return `${e.ruleId}\u0000${e.file}\u0000${e.fingerprint}`;
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return order(a.file, b.file) || order(a.ruleId, b.ruleId) || order(a.message ?? '', b.message ?? '') || order(a.fingerprint, b.fingerprint);
}

/**
 * Records every finding that is not suppressed inline, sorted. Reasons written in `previous`
 * (the baseline the run used) are kept for the findings that are still there.
 */
export function makeBaseline(findings: readonly Finding[], previous?: Baseline): Baseline {
  const reasons = new Map((previous?.entries ?? []).map((e) => [findingKey(e), e.reason]));
  const entries = findings
    .filter((f) => !f.suppressed)
    .map((f) => ({ ruleId: f.ruleId, file: f.file, fingerprint: f.fingerprint, message: f.message, reason: reasons.get(findingKey(f)) ?? '' }))
    .sort(compareEntries);
  return { version: 1, tool: 'shipready', entries };
}

/** Reads a baseline file; `name` is how messages call it (the path as given). Throws ConfigError when it is missing or invalid. */
/** A baseline of tens of thousands of findings is a few MiB. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

export function loadBaseline(path: string, name: string, root?: string, label = `--baseline ${name}`): Baseline {
  if (!existsSync(path)) throw new ConfigError(`${label}: no such file; create it with --write-baseline ${name}`);
  const text = readUserFile(path, label, MAX_BASELINE_BYTES, root);
  const file = readStructured(name, text, 'json');
  const validate = new Ajv({ allErrors: true, verbose: true }).compile<Baseline>(BASELINE_SCHEMA);
  if (!validate(file.value)) {
    throw new ConfigError(`${schemaProblems(file, validate.errors ?? []).join('\n')}\n(${name} is not a shipready baseline; write one with --write-baseline ${name})`);
  }
  return { ...file.value, tool: 'shipready' };
}

/**
 * Marks the findings the baseline lists as `baselined` (out of the gate, still in the score),
 * recounts the gating findings, and adds a notice for every entry that no longer matches a finding.
 */
export function applyBaseline(result: RunResult, baseline: Baseline, name: string): void {
  const entries = new Map<string, BaselineEntry>();
  const stale: BaselineEntry[] = [];
  for (const entry of baseline.entries) {
    if (entries.has(findingKey(entry))) stale.push(entry);
    else entries.set(findingKey(entry), entry);
  }
  for (const finding of result.findings) {
    if (finding.suppressed) continue;
    const entry = entries.get(findingKey(finding));
    if (!entry) continue;
    entries.delete(findingKey(finding));
    finding.baselined = entry.reason ? { reason: entry.reason } : {};
  }
  stale.push(...entries.values());
  result.counts = countFindings(result.findings);
  countServiceFindings(result);
  if (stale.length === 0) return;
  const count = stale.length === 1 ? '1 baseline entry no longer matches' : `${stale.length} baseline entries no longer match`;
  result.notices.push({
    message: `${count} a finding in ${name}: the debt was paid, remove ${stale.length === 1 ? 'it' : 'them'} (--baseline ${name} --write-baseline ${name} rewrites the file and keeps the reasons)`,
  });
  for (const entry of stale.sort(compareEntries)) {
    result.notices.push({ message: `${name}: no longer matches: ${entry.ruleId} in ${entry.file}${entry.message ? ` (${entry.message})` : ''}` });
  }
}
