/** The command line: takes options, calls run(), routes the report, returns the gate's exit code. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rules } from '../rules/index.ts';
import { makeBaseline } from './baseline.ts';
import { applyRuleFlags, ConfigError, type FailOn, loadConfig } from './config.ts';
import { run } from './engine.ts';
import { gate } from './gate.ts';
import { FORMATS, type Format, report } from './reporters/index.ts';
import { applySuppressions } from './suppress.ts';
import { ENGINE_RULES } from './rule.ts';
import { VERSION } from './version.ts';

export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours only then). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  now?: Date;
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
  --write-baseline FILE   record today's findings in FILE and exit 0
  --rule ID=SEVERITY      override a rule: error, warning, info or off (repeatable)
  --quiet                 text format: show errors only
  --no-color              never colour the text output
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
      'write-baseline': { type: 'string' },
      rule: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      color: { type: 'boolean' },
      version: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`shipready: ${(error as Error).message}\nRun shipready --help for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.passed;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.passed;
  }
  if (positionals.length > 1) {
    io.stderr(`shipready: one path at most (got ${positionals.length}: ${positionals.join(' ')})\n`);
    return EXIT.usage;
  }
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`shipready: --format ${values.format}: expected one of ${FORMATS.join(', ')}\n`);
    return EXIT.usage;
  }
  if (values['fail-on'] !== undefined && !FAIL_ON.includes(values['fail-on'] as FailOn)) {
    io.stderr(`shipready: --fail-on ${values['fail-on']}: expected one of ${FAIL_ON.join(', ')}\n`);
    return EXIT.usage;
  }
  let minScore: number | undefined;
  if (values['min-score'] !== undefined) {
    minScore = Number(values['min-score']);
    if (!/^\d+$/.test(values['min-score']) || minScore > 100) {
      io.stderr(`shipready: --min-score ${values['min-score']}: expected a whole number from 0 to 100\n`);
      return EXIT.usage;
    }
  }
  const root = resolve(io.cwd, positionals[0] ?? '.');
  const knownIds = [...rules.map((r) => r.id), ...Object.keys(ENGINE_RULES)];
  try {
    const config = applyRuleFlags(await loadConfig(root, values.config && resolve(io.cwd, values.config)), values.rule ?? [], knownIds);
    const failOn = (values['fail-on'] as FailOn | undefined) ?? config.failOn;
    minScore ??= config.minScore;
    const now = io.now ?? new Date();
    const result = await run({
      root,
      config,
      rules,
      now,
      postprocess: (findings, project) => applySuppressions(findings, project, now, new Set(knownIds)),
    });
    if (values['write-baseline']) {
      writeFileSync(resolve(io.cwd, values['write-baseline']), `${JSON.stringify(makeBaseline(result.findings), null, 2)}\n`);
      io.stderr(`shipready: wrote ${result.findings.length} findings to ${values['write-baseline']}\n`);
      return EXIT.passed;
    }
    const color = !values['no-color'] && !values.output && (values.color === true || (io.isTTY && !io.env.NO_COLOR));
    const text = report(format, result, { color, quiet: values.quiet === true });
    if (values.output) writeFileSync(resolve(io.cwd, values.output), text);
    else io.stdout(text);
    const verdict = gate(result, failOn, minScore);
    if (!verdict.passed && format !== 'text' && values.output === undefined) {
      // The report went to stdout; say why the gate failed where a person will see it.
      io.stderr(`shipready: gate failed: ${verdict.reasons.join('; ')}\n`);
    } else if (!verdict.passed && format === 'text' && !values.output) {
      io.stdout(`Gate failed: ${verdict.reasons.join('; ')}\n`);
    } else if (!verdict.passed) {
      io.stderr(`shipready: gate failed: ${verdict.reasons.join('; ')}\n`);
    }
    return verdict.passed ? EXIT.passed : EXIT.failed;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`shipready: ${error.message}\n`);
      return EXIT.usage;
    }
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') {
      io.stderr(`shipready: ${e.path ?? root}: no such directory\n`);
      return EXIT.usage;
    }
    io.stderr(`shipready: internal error: ${e.message ?? String(error)}\nPlease report this with the command you ran.\n`);
    return EXIT.usage;
  }
}
