/** Core shapes shared by parsers, the model, rules, the engine and reporters. */

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type Category = 'security' | 'reliability' | 'observability' | 'operations' | 'performance';
export const CATEGORIES: readonly Category[] = [
  'security',
  'reliability',
  'observability',
  'operations',
  'performance',
];

/** Every kind of file shipready recognises. Discovery assigns one kind to each file. */
export type ArtifactKind =
  | 'dockerfile'
  | 'dockerignore'
  | 'env'
  | 'package-json'
  | 'lockfile'
  | 'source'
  | 'k8s'
  | 'compose'
  | 'kustomization'
  | 'workflow'
  | 'shell'
  | 'systemd'
  | 'nginx'
  | 'app-config'
  | 'gitignore'
  | 'node-version-file'
  | 'markdown'
  | 'yaml'
  | 'dependabot'
  | 'renovate'
  | 'nx-project'
  | 'other';

/**
 * A position in a file: 1-based line and column, as SARIF and editors use.
 * Columns count UTF-16 code units of the line, starting at 1. `end*` is exclusive
 * of nothing: endColumn is the column just after the last character (SARIF semantics).
 */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A span in a named file. Every model node carries one; rules report at them. */
export interface Loc extends Span {
  /** Path relative to the scanned root, posix separators. */
  file: string;
}

/** How comments are written in a file; used by suppressions and case expectations. */
export type CommentSyntax = '#' | '//' | ';' | 'none';

/** One file read from disk (or stdin), with its text and kind. */
export interface SourceFile {
  /** Path relative to the root, posix separators (`<stdin>` for standard input). */
  path: string;
  kind: ArtifactKind;
  text: string;
  /** Lines without their terminators (CRLF and CR handled); a leading BOM is removed. */
  lines: string[];
  comment: CommentSyntax;
}

/** A finding as a rule reports it: the engine adds id, severity, category and help. */
export interface RawFinding {
  messageId: string;
  message: string;
  loc: Loc;
}

export type Outcome = 'pass' | 'fail';

/** One applicable evaluation of a rule on a subject (a Dockerfile, a workload, the repository). */
export interface Evaluation {
  ruleId: string;
  /** Stable name of the subject: usually the file path, or `path#name` for a subject inside a file. */
  subject: string;
  severity: Severity;
  category: Category;
  outcome: Outcome;
  /** True when the evaluation failed only through findings that were suppressed (accepted risk). */
  accepted?: boolean;
}

export type SuppressionKind = 'inline' | 'file' | 'baseline' | 'config';

export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** Link to the rule's documentation page. */
  help: string;
  /** Stable across unrelated edits elsewhere in the file. */
  fingerprint: string;
  /** The subject this finding was reported on (for the score). Engine findings have none. */
  subject?: string;
  messageId?: string;
  /** Set when an inline suppression accepted the finding: it is not gated and counts as passed. */
  suppressed?: { kind: 'inline' | 'file'; reason: string; until?: string };
  /** Set when the baseline lists this finding: it is not gated, but still counts in the score. */
  baselined?: { reason?: string };
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export interface RuleCost {
  ruleId: string;
  /** Points of the 100 this rule's failed evaluations cost. */
  points: number;
  failed: number;
  applicable: number;
}

export interface Score {
  /** null: nothing to assess. */
  score: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | 'F' | null;
  categories: Partial<Record<Category, number>>;
  passedWeight: number;
  applicableWeight: number;
  costs: RuleCost[];
}

/** A one-line remark about the run that is not a finding (skipped chart templates, assumed links). */
export interface Notice {
  message: string;
  file?: string;
}
