/** The command line: takes options, calls run(), routes the report, returns the gate's exit code. */
import { realpathSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { makeBaseline } from './baseline.ts';
import { ConfigError, type FailOn } from './config.ts';
import type { RunResult } from './engine.ts';
import { gate } from './gate.ts';
import { comparedWith, lintRevision, renamesSince, resolveCommit, workTreeRoot } from './revision.ts';
import { plural } from './reporters/summary.ts';
import { lint, workspacePrefix } from './lint.ts';
import { printable, stderrText } from './reporters/escape.ts';
import { FORMATS, type Format, report } from './reporters/index.ts';
import type { Rule } from './rule.ts';
import { makeSourceFile } from './discover.ts';
import type { Finding, SourceFile } from './types.ts';
import { VERSION } from './version.ts';
import { UnsafeTarget, writeOutputFile } from './write-file.ts';

export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours only then). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  now?: Date;
  /** The rules to run (default: every rule in rules/index.ts); tests pin a known set. */
  rules?: readonly Rule[];
  /** Reads standard input to its end (`--manifests -`); undefined when it is a terminal. */
  stdin?: () => Promise<string>;
}

export const HELP = `Usage: shipready [path] [options]

Reads a Node.js service's repository and reports what will hurt in production.

Options:
  --format FORMAT         text (default), json, sarif, github, markdown, html
  --output FILE           write the report to FILE instead of standard output
  --fail-on LEVEL         error (default), warning, info or never: the lowest severity that fails
  --min-score N           also fail when the readiness score is below N (0-100)
  --config FILE           config file (default: .shipready.yml, .shipready.yaml or .shipready.json in path)
  --baseline FILE         keep the findings recorded in FILE out of the gate
  --new-since REF         gate only on findings that git revision REF (a branch, tag or commit; the base of a
                          pull request) does not have, linted the same way from git's objects with its own config
  --max-score-drop N      with --new-since: also fail when the score falls by more than N from REF's
  --write-baseline FILE   record today's findings in FILE and exit 0
  --rule ID=SEVERITY      override a rule: error, warning, info or off (repeatable)
  --manifests -           also read rendered Kubernetes manifests from standard input, reported as <stdin>
                          (helm template . | shipready --manifests -); the path is still scanned
  --quiet                 text format: show errors only
  --no-color              never colour the text output (NO_COLOR does the same)
  --version               print the version
  --help                  print this help

Exit codes: 0 gate passed, 1 gate failed, 2 usage or configuration error.
Docs: https://github.com/shipready/shipready#readme
`;

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string' },
      'fail-on': { type: 'string' },
      'min-score': { type: 'string' },
      config: { type: 'string' },
      baseline: { type: 'string' },
      'new-since': { type: 'string' },
      'max-score-drop': { type: 'string' },
      'write-baseline': { type: 'string' },
      rule: { type: 'string', multiple: true },
      manifests: { type: 'string' },
      quiet: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      version: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}

/** A usage error: exit code 2 with a message that names the flag or path. */
class UsageError extends Error {}

interface Options {
  root: string;
  /** The path as the user wrote it, for messages. */
  given: string;
  format: Format;
  output?: string;
  failOn?: FailOn;
  minScore?: number;
  config?: string;
  baseline?: string;
  /** `--new-since REF`: gate on what that revision does not have. */
  newSince?: string;
  /** `--max-score-drop N` (with --new-since): fail when the score falls by more than N from REF's. */
  maxScoreDrop?: number;
  writeBaseline?: string;
  rules: string[];
  /** `--manifests -`: read Kubernetes manifests from standard input too. */
  manifestsFromStdin: boolean;
  quiet: boolean;
  noColor: boolean;
}

function options(values: ReturnType<typeof parse>['values'], positionals: string[], cwd: string): Options {
  if (positionals.length > 1) throw new UsageError(`one path at most (got ${positionals.length}: ${positionals.join(' ')})`);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: expected one of ${FORMATS.join(', ')}`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`--fail-on ${failOn}: expected one of ${FAIL_ON.join(', ')}`);
  }
  const minScore = values['min-score'];
  if (minScore !== undefined && (!/^\d+$/.test(minScore) || Number(minScore) > 100)) {
    throw new UsageError(`--min-score ${minScore}: expected a whole number from 0 to 100`);
  }
  const maxScoreDrop = values['max-score-drop'];
  if (maxScoreDrop !== undefined && (!/^\d+$/.test(maxScoreDrop) || Number(maxScoreDrop) > 100)) {
    throw new UsageError(`--max-score-drop ${maxScoreDrop}: expected a whole number from 0 to 100`);
  }
  if (maxScoreDrop !== undefined && values['new-since'] === undefined) throw new UsageError('--max-score-drop needs --new-since REF: the score it may not fall below is that revision\'s');
  if (values['new-since'] !== undefined && values['write-baseline'] !== undefined) {
    throw new UsageError('--new-since and --write-baseline: a baseline records every finding of today; give one of them');
  }
  if (values.manifests !== undefined && values.manifests !== '-') {
    throw new UsageError(`--manifests ${values.manifests}: only \`-\` (standard input) is supported; put manifest files under the scanned path instead`);
  }
  const given = positionals[0] ?? '.';
  return {
    root: resolve(cwd, given),
    given,
    format: format as Format,
    output: values.output,
    failOn: failOn as FailOn | undefined,
    minScore: minScore === undefined ? undefined : Number(minScore),
    config: values.config,
    baseline: values.baseline,
    newSince: values['new-since'],
    maxScoreDrop: maxScoreDrop === undefined ? undefined : Number(maxScoreDrop),
    writeBaseline: values['write-baseline'],
    rules: values.rule ?? [],
    manifestsFromStdin: values.manifests === '-',
    quiet: values.quiet === true,
    noColor: values['no-color'] === true,
  };
}

/** The root must be a directory we can read; say which way it is not. */
function checkRoot(root: string, given: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${given}: no such directory`);
    throw new UsageError(`${given}: cannot be read (${code ?? String(error)})`);
  }
  if (!isDirectory) throw new UsageError(`${given}: not a directory; give the repository's folder (default: the current directory)`);
}

/** Writes a file the user asked for; a failure is a usage error naming the flag. */
function writeRequested(flag: string, cwd: string, file: string, text: string, root: string): void {
  try {
    writeOutputFile(resolve(cwd, file), text, root);
  } catch (error) {
    if (error instanceof UnsafeTarget) throw new UsageError(`${flag} ${file}: ${error.message}`);
    throw new UsageError(`${flag} ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

export async function main(argv: string[], given: CliIO): Promise<number> {
  // Every message on standard error may quote repository text: made safe for a terminal and a CI runner's log.
  const io: CliIO = { ...given, stderr: (text) => given.stderr(stderrText(text)) };
  try {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(argv);
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\nRun shipready --help for usage.`);
    }
    if (parsed.values.help) {
      io.stdout(HELP);
      return EXIT.passed;
    }
    if (parsed.values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT.passed;
    }
    const opts = options(parsed.values, parsed.positionals, io.cwd);
    checkRoot(opts.root, opts.given);
    return await lintAndReport(opts, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`shipready: ${error.message}\n`);
      return EXIT.usage;
    }
    const e = error as Error;
    io.stderr(`shipready: internal error: ${e.message ?? String(error)}\nPlease report this with the command you ran.\n`);
    return EXIT.usage;
  }
}

/** `--manifests -`: standard input as one Kubernetes manifest stream named `<stdin>`. */
async function stdinManifests(opts: Options, io: CliIO): Promise<SourceFile[] | undefined> {
  if (!opts.manifestsFromStdin) return undefined;
  if (!io.stdin) throw new UsageError('--manifests -: standard input is a terminal; pipe rendered manifests into it (helm template . | shipready --manifests -)');
  return [makeSourceFile('<stdin>', 'k8s', await io.stdin())];
}

async function lintAndReport(opts: Options, io: CliIO): Promise<number> {
  const revision = revisionOf(opts);
  const extraFiles = await stdinManifests(opts, io);
  const linted = await lint({
    writingBaseline: opts.writeBaseline !== undefined,
    extraFiles,
    root: opts.root,
    config: opts.config && resolve(io.cwd, opts.config),
    ruleFlags: opts.rules,
    baseline: opts.baseline === undefined ? undefined : { path: resolve(io.cwd, opts.baseline), name: opts.baseline },
    rules: io.rules,
    now: io.now,
  });
  const { result, baseline } = linted;
  const failOn = opts.failOn ?? linted.failOn;
  const minScore = opts.minScore ?? linted.minScore;
  if (opts.writeBaseline) {
    const written = makeBaseline(result.findings, baseline);
    writeRequested('--write-baseline', io.cwd, opts.writeBaseline, `${JSON.stringify(written, null, 2)}\n`, opts.root);
    io.stderr(`shipready: wrote ${written.entries.length} findings to ${opts.writeBaseline}\n`);
    return EXIT.passed;
  }
  const color = !opts.noColor && !opts.output && io.isTTY && !io.env.NO_COLOR;
  const text = report(opts.format, result, {
    color,
    quiet: opts.quiet,
    baseline: opts.baseline !== undefined,
    pathPrefix: workspacePrefix(opts.root, io.env.GITHUB_WORKSPACE),
  });
  if (opts.output) writeRequested('--output', io.cwd, opts.output, text, opts.root);
  else io.stdout(text);
  // A text report on stdout ends with the verdict; otherwise stdout is machine-read or a file was written.
  const say = (line: string) => (opts.format === 'text' && !opts.output ? io.stdout(`${line}\n`) : io.stderr(`shipready: ${line.charAt(0).toLowerCase()}${line.slice(1)}\n`));
  const since = revision && (await newSince(opts, io, result, revision, extraFiles));
  if (since) say(`Since ${opts.newSince}: ${plural(since.added.length, 'new finding')}, ${plural(since.fixed.length, 'fixed finding')}`);
  const drop = since && opts.maxScoreDrop !== undefined ? { max: opts.maxScoreDrop, base: since.base.score.score, services: since.base.services, name: opts.newSince as string } : undefined;
  const verdict = gate(result, failOn, minScore, since && { findings: since.added, where: `new since ${opts.newSince}` }, drop);
  // Reasons may name a service, whose name and folder the repository chooses.
  if (!verdict.passed) say(`Gate failed: ${printable(verdict.reasons.join('; '))}`);
  return verdict.passed ? EXIT.passed : EXIT.failed;
}

/** `--new-since REF`: the commit and where the linted folder is in its tree, checked before anything is linted. */
function revisionOf(opts: Options): { workTree: string; sha: string; prefix: string } | undefined {
  const ref = opts.newSince;
  if (ref === undefined) return undefined;
  const found = workTreeRoot(opts.root);
  if (!found) throw new UsageError(`--new-since ${ref}: ${opts.given} is not inside a git work tree`);
  const workTree = realpathSync(found);
  const sha = resolveCommit(workTree, ref);
  if (!sha) throw new UsageError(`--new-since ${ref}: git knows no commit by that name here (fetch it first)`);
  return { workTree, sha, prefix: relative(workTree, realpathSync(opts.root)).split(sep).join('/') };
}

/** The revision linted the same way (its files from git's objects, its own config, the same flags and standard input), compared finding by finding. */
async function newSince(
  opts: Options,
  io: CliIO,
  head: RunResult,
  revision: { workTree: string; sha: string; prefix: string },
  extraFiles: SourceFile[] | undefined,
): Promise<{ added: Finding[]; fixed: Finding[]; base: RunResult }> {
  const base = await lintRevision({
    ...revision,
    renames: renamesSince(revision.workTree, revision.sha),
    config: opts.config && resolve(io.cwd, opts.config),
    options: { rules: io.rules, now: io.now, ruleFlags: opts.rules, extraFiles },
  });
  if ('reason' in base) throw new UsageError(`--new-since ${opts.newSince}: commit ${revision.sha.slice(0, 12)} cannot be linted: ${base.reason}`);
  return { ...comparedWith(head.findings, base.result.findings, base.unheld), base: base.result };
}
