/** The rule contract: metadata plus a pure check over the Project model. */
import type { Project } from './model/project.ts';
import type { ArtifactKind, Category, Loc, Severity } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: message data is typed per rule through the generic below
export type MessageFn = (data: any) => string;
export type Messages = Record<string, MessageFn>;

/** JSON Schema (draft-07 subset, validated with ajv) describing a rule's options. */
export type OptionsSchema = Record<string, unknown>;

export interface Reporter<M extends Messages> {
  /** Reports a finding on this subject at `at` (a model node's location). */
  report<K extends keyof M & string>(messageId: K, data: Parameters<M[K]>[0], at: Loc): void;
}

export interface RuleContext<M extends Messages, O> {
  project: Project;
  options: O;
  /** The clock: injected so that date-dependent rules are deterministic in tests. */
  now: Date;
  /**
   * Opens an evaluation of this rule on a subject. Opening a subject makes it applicable:
   * it passes unless a finding is reported on it. A rule that opens no subject is not applicable.
   */
  subject(name: string): Reporter<M>;
}

export interface RuleDefinition<M extends Messages, O> {
  /** As in RULES.md, equal to the rule's folder path under rules/. */
  id: string;
  /** What a passing project has, as a sentence: "The container runs as a non-root user". */
  title: string;
  category: Category;
  severity: Severity;
  /** Why it matters in production: one paragraph. */
  rationale: string;
  /** What to change. */
  fix: string;
  /** Artifact kinds the rule reads. */
  appliesTo: readonly ArtifactKind[];
  /** Judges the repository as a whole (CI, dependency updates, the security policy): its score counts once, in the repository's, never in a service's. */
  repositoryLevel?: true;
  messages: M;
  options?: { schema: OptionsSchema; defaults: O };
  check(ctx: RuleContext<M, O>): void;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds rules of every message and option type
export type Rule = RuleDefinition<any, any>;

export function defineRule<M extends Messages, O = Record<string, never>>(rule: RuleDefinition<M, O>): RuleDefinition<M, O> {
  return rule;
}

/** Engine findings that have no module of their own under rules/. */
export const ENGINE_RULES = {
  'shipready/parse-error': {
    id: 'shipready/parse-error',
    title: 'Every file of a known kind can be read and parsed',
    category: 'reliability' as Category,
    severity: 'error' as Severity,
    rationale:
      'A file shipready cannot parse is a file no rule could check: a broken manifest, Dockerfile or env file is also likely to break the deployment that reads it. The run goes on and reports everything else.',
    fix: 'Fix the syntax at the reported position, or exclude the file with `ignore` in .shipready.yml if it is not meant to be read (a template, a fixture).',
  },
  'shipready/unused-suppression': {
    id: 'shipready/unused-suppression',
    title: 'Every inline suppression suppresses a finding',
    category: 'operations' as Category,
    severity: 'warning' as Severity,
    rationale:
      'A suppression that matches nothing hides nothing today but will silently hide a real finding tomorrow, and it makes readers believe a risk was accepted when there is none. Suppressions without a reason or past their expiry are reported the same way.',
    fix: 'Delete the `shipready-ignore` comment, correct the rule id it names, or give it a reason after `--`.',
  },
  'shipready/skipped-file': {
    id: 'shipready/skipped-file',
    title: 'Every file of a known kind is small enough to read',
    category: 'operations' as Category,
    severity: 'info' as Severity,
    rationale:
      'Files over the size cap (5 MiB) are not read, so no rule checked them. A Dockerfile, manifest or env file that large is almost always generated or a mistake.',
    fix: 'Exclude the file with `ignore` in .shipready.yml if it is generated, or split it.',
  },
} as const;
