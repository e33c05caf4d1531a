/**
 * SARIF 2.1.0 (one run) for code scanning: rule metadata in tool.driver.rules, one result per finding
 * with a root-relative location under %SRCROOT%, fingerprints, suppressions and baseline state; the
 * run's notices as tool execution notifications.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleInfo, RunResult } from '../engine.ts';
import type { Finding, Severity } from '../types.ts';
import { helpUri, VERSION } from '../version.ts';
import { pathToUriReference } from './escape.ts';
import { normalPrefix, repositoryPath } from './paths.ts';

export interface SarifOptions {
  /** A baseline was applied: every result gets a baselineState ('unchanged' or 'new'). */
  baseline?: boolean;
  /**
   * Posix path of the scanned root inside the checkout (e.g. `services/api`): uris then start with it
   * and %SRCROOT% is the checkout, so code scanning finds the files. Absent: uris are root-relative.
   */
  pathPrefix?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/shipready/shipready';
export const FINGERPRINT_KEY = 'shipready/v1';
const ROOT_BASE = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';
const LEVELS: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security alerts by this (critical ≥ 9, high ≥ 7, medium ≥ 4, low). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** `docker/non-root` → `DockerNonRoot`: SARIF's rule name is an identifier, the id stays the key. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function descriptor(rule: RuleInfo) {
  const uri = helpUri(rule.id);
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.rationale}\n\nFix: ${rule.fix}\n\nDocs: ${uri}`,
      markdown: `${rule.rationale}\n\n**Fix:** ${rule.fix}\n\n[Documentation](${uri})`,
    },
    helpUri: uri,
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: {
      category: rule.category,
      tags: [rule.category],
      ...(rule.category === 'security' ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
    },
  };
}

/** SARIF regions are 1-based and never end before they start. */
function region(f: Finding) {
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  const endLine = Math.max(startLine, f.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, f.endColumn) : Math.max(1, f.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/** The checkout's URI: the root, or the folder `prefix` levels above it. */
function rootUri(root: string, prefix: string): string {
  const checkout = prefix ? resolve(root, ...prefix.split('/').map(() => '..')) : root;
  const href = pathToFileURL(checkout).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function artifactLocation(file: string, options: SarifOptions) {
  return { uri: pathToUriReference(repositoryPath(file, options.pathPrefix)), uriBaseId: ROOT_BASE };
}

/** What the run says beside its findings (skipped chart templates, links not followed) as notes on the invocation. */
function invocation(result: RunResult, options: SarifOptions) {
  const notifications = result.notices.map((notice) => ({
    level: 'note' as const,
    message: { text: notice.message },
    ...(notice.file === undefined ? {} : { locations: [{ physicalLocation: { artifactLocation: artifactLocation(notice.file, options) } }] }),
  }));
  return { executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) };
}

export function formatSarif(result: RunResult, options: SarifOptions = {}): string {
  const ruleIndex = new Map(result.rules.map((rule, i) => [rule.id, i]));
  const results = result.findings.map((f) => {
    const index = ruleIndex.get(f.ruleId);
    return {
      ruleId: f.ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: LEVELS[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file, options), region: region(f) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.reason }] } : {}),
      ...(options.baseline ? { baselineState: f.baselined ? 'unchanged' : 'new' } : {}),
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipready',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules: result.rules.map(descriptor),
          },
        },
        invocations: [invocation(result, options)],
        originalUriBaseIds: { [ROOT_BASE]: { uri: rootUri(result.root, normalPrefix(options.pathPrefix)) } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          score: result.score.score,
          grade: result.score.grade,
          categories: result.score.categories,
          costs: result.score.costs,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
