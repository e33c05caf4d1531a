import { basename } from '../../../src/model/project.ts';
import type { ShellScript } from '../../../src/parsers/script.ts';
import { invocation, isShellProgram, type LocatedCommand } from '../../../src/parsers/shell.ts';
import { defineRule } from '../../../src/rule.ts';

/** Operations scripts: under a `scripts/` folder, or a folder named deploy… or backup…. */
const OPS_FOLDER = /(?:^|\/)(?:scripts|deploy[^/]*|backups?[^/]*)\//i;
/** …or named for an operation, in any folder: deploy.sh, backup-db.sh, release.sh, migrate.sh, pre-deploy-validation.sh, emergency-recovery.sh, web-entrypoint.sh. */
const OPS_NAME = /(?:^|[-_.])(?:deploy|backup|restore|rollback|recovery|release|migrate|entrypoint)/i;
/** Commands that only print: their failure changes nothing. */
const PRINTS = new Set(['echo', 'printf']);
/**
 * Words of developer tooling in a script's name: a developer's environment, generated code, cleaning, linting,
 * tests, docs and release notes are not operations on what runs, whatever folder the script is in. (A build
 * script is: a build that fails halfway and says "done" ships a broken artifact.)
 */
const DEVELOPER_TOOLING = new Set(['dev', 'generate', 'gen', 'codegen', 'clean', 'lint', 'format', 'fmt', 'test', 'tests', 'e2e', 'local', 'watch', 'typecheck', 'docs', 'storybook', 'mock', 'mocks', 'changelog', 'doc', 'i18n', 'translations', 'icons', 'fixtures']);

function developerTooling(file: string): boolean {
  return basename(file)
    .toLowerCase()
    .replace(/\.(?:sh|bash)$/, '')
    .split(/[^a-z0-9]+/)
    .some((w) => DEVELOPER_TOOLING.has(w));
}

const CONDITIONAL_WORDS = new Set(['if', 'then', 'elif', 'else', 'fi']);
/** Commands that only end the script, set a variable or load an optional file: a guard's body, not a step that matters. */
const GUARD_BODY = new Set(['exit', 'return', 'export', 'unset', 'source', '.', ...PRINTS]);

/**
 * The commands of guard blocks: `if [ -z "$URL" ]; then echo "not set"; exit 1; fi`, `if …; then export X=y; fi`:
 * an `if` whose branches only print, exit, assign or export. A failed test in its condition changes nothing
 * errexit would stop, and its body does nothing that can fail halfway.
 */
function guardCommands(commands: readonly LocatedCommand[]): Set<LocatedCommand> {
  const out = new Set<LocatedCommand>();
  for (let i = 0; i < commands.length; i++) {
    if (commands[i]?.words[0]?.value !== 'if') continue;
    let depth = 0;
    let end = -1;
    let plain = true;
    // Conditions (`if [ -n "$A" ] && [ -n "$B" ]; then`, nested ones too) may run anything: `if` handles their failure.
    let inCondition = false;
    for (let k = i; k < commands.length; k++) {
      const words = (commands[k] as LocatedCommand).words.map((w) => w.value);
      const keyword = CONDITIONAL_WORDS.has(words[0] ?? '') ? (words[0] as string) : undefined;
      if (keyword === 'if') depth++;
      if (keyword === 'fi') depth--;
      if (keyword === 'if' || keyword === 'elif') inCondition = true;
      if (keyword === 'then' || keyword === 'else') inCondition = false;
      const argv = invocation((commands[k] as LocatedCommand).words.slice(keyword ? 1 : 0)).argv.map((w) => w.value);
      if (!inCondition && argv.length > 0 && !GUARD_BODY.has(argv[0] as string)) plain = false;
      if (depth === 0) {
        end = k;
        break;
      }
    }
    if (end === -1) break;
    if (plain) for (let k = i; k <= end; k++) out.add(commands[k] as LocatedCommand);
    i = end;
  }
  return out;
}

/**
 * The steps whose failure errexit would stop on. A background job (`node api.js &`) is outside errexit, whose
 * failure `wait -n` reports; guards (`if [ -z "$X" ]; then exit 1; fi`), optional loads (`[ -f .env ] && source
 * .env`) and prints are none either.
 */
function stepsThatMatter(script: ShellScript): { doing: LocatedCommand[]; first: LocatedCommand | undefined } {
  const guards = guardCommands(script.commands);
  const loads = optionalLoads(script.commands);
  const background = backgroundChains(script.commands);
  const running = script.steps.filter((c) => c.terminator !== '&' && !background.has(c) && !guards.has(c) && !loads.has(c));
  // The finding stands at the first command that runs (a print included): what goes on without errexit starts there.
  return { doing: running.filter((c) => !PRINTS.has(invocation(c.words).argv[0]?.value ?? '')), first: running[0] };
}

/**
 * The commands sent to the background as a whole: a `&&`/`||` chain ending in `&`, or a `{ …; }` / `( … )` group
 * closed with `&` (`{ cd /app && npx prisma migrate deploy && node index.js; } &`).
 */
function backgroundChains(commands: readonly LocatedCommand[]): Set<LocatedCommand> {
  const out = new Set<LocatedCommand>();
  let chain: LocatedCommand[] = [];
  const groups: LocatedCommand[][] = [];
  for (const c of commands) {
    const first = c.words[0]?.value;
    if (first === '{' || first === '(') groups.push([]);
    for (const g of groups) g.push(c);
    if ((first === '}' || first === ')') && groups.length > 0) {
      const group = groups.pop() as LocatedCommand[];
      if (c.terminator === '&') for (const k of group) out.add(k);
    }
    chain.push(c);
    if (c.terminator === '&&' || c.terminator === '||') continue;
    if (c.terminator === '&') for (const k of chain) out.add(k);
    chain = [];
  }
  return out;
}

/**
 * A script with one step that matters, run last or through `exec` (`echo "Starting…"; exec node dist/main.js`),
 * one `&&` chain of all its steps, or one `if`/`else` that ends it with one command per branch: nothing runs
 * after a failure, and the script's status is that step's, so errexit changes nothing.
 */
function singleStep(script: ShellScript, doing: readonly LocatedCommand[]): boolean {
  const only = doing[0];
  if (doing.length === 0 || (doing.length === 1 && only !== undefined && (only === script.steps.at(-1) || invocation(only.words).exec))) return true;
  // `build && push && deploy`: one chain that stops at the first failure and ends the script with its status.
  if (script.steps.slice(0, -1).every((c) => c.terminator === '&&')) return true;
  return oneConditional(script.commands.slice(script.commands.indexOf(only as LocatedCommand)));
}

/**
 * The commands of optional loads: `[ -f .env ] && source .env`, a test whose only consequence is loading a file
 * (the test and the load both).
 */
function optionalLoads(commands: readonly LocatedCommand[]): Set<LocatedCommand> {
  const out = new Set<LocatedCommand>();
  const loads = (c: LocatedCommand | undefined) => c !== undefined && ['source', '.'].includes(c.words[0]?.value ?? '');
  commands.forEach((command, k) => {
    const program = invocation(command.words).argv[0]?.value;
    const next = commands[k + 1];
    if ((program === '[' || program === 'test') && command.terminator === '&&' && next && loads(next)) {
      out.add(command);
      out.add(next);
    }
  });
  return out;
}

/** `if …; then a; elif …; then b; else c; fi` and nothing after it but prints, each branch at most one command. */
function oneConditional(commands: readonly LocatedCommand[]): boolean {
  if (commands[0]?.words[0]?.value !== 'if') return false;
  let depth = 0;
  let branch = 0;
  for (const [i, command] of commands.entries()) {
    const words = command.words.map((w) => w.value);
    const first = words[0] ?? '';
    if (depth === 0 && i > 0) {
      if (PRINTS.has(invocation(command.words).argv[0]?.value ?? '')) continue;
      return false;
    }
    if (first === 'if' || first === 'case' || first === 'for' || first === 'while' || first === 'until') {
      if (i > 0) return false;
      depth++;
      continue;
    }
    if (first === 'fi') {
      depth--;
      continue;
    }
    if (first === 'elif') continue;
    if (first === 'else' || first === 'then') branch = first === 'then' && words.length === 1 ? branch : 0;
    const argv = invocation(command.words).argv;
    // `pnpm install && pnpm build`: the rest of a chain is one step with its head, which stops at the first failure.
    const chained = i > 0 && commands[i - 1]?.terminator === '&&' && !['then', 'else'].includes(first);
    if (argv.length > 0 && !PRINTS.has(argv[0]?.value ?? '') && !chained && ++branch > 1) return false;
    if (first === 'then' || first === 'else') branch = argv.length > 0 ? 1 : 0;
  }
  return depth === 0;
}

/** Kinds of files that run scripts: CI, package scripts, images, manifests, units, other scripts. */
const RUNNER_KINDS = new Set(['workflow', 'package-json', 'dockerfile', 'compose', 'k8s', 'shell', 'systemd']);

/** For each script name, the files that name it among those that run scripts (`scripts/deploy.sh`, `./bin/migrate`). */
function namedBy(files: readonly { kind: string; path: string; text: string }[], names: ReadonlySet<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of files) {
    if (!RUNNER_KINDS.has(f.kind) && !/(?:^|\/)(?:Makefile|Procfile|Taskfile\.ya?ml|justfile)$/.test(f.path)) continue;
    for (const w of f.text.split(/[^\w./-]+/)) {
      const name = basename(w);
      if (!names.has(name)) continue;
      const set = out.get(name) ?? new Set();
      set.add(f.path);
      out.set(name, set);
    }
  }
  return out;
}

/**
 * Every step that matters is checked where it runs: the command after it tests its status (`status=$?`,
 * `if [ $? -ne 0 ]; then … exit 1`), or it ends in `|| exit`. The script handles each failure itself, often to say
 * what to do before it exits; the last step's status is the script's.
 */
function checksStatus(script: ShellScript, doing: readonly LocatedCommand[]): boolean {
  const position = new Map(script.commands.map((c, i) => [c, i]));
  const next = (c: LocatedCommand) => script.commands[(position.get(c) ?? -2) + 1];
  // `status=$?`, `if [ $? -ne 0 ]`, `[ "$?" -eq 0 ] || exit 1`, `exit $?`: a test, an assignment or the exit of the status, not a print of it.
  const tests = (c: LocatedCommand | undefined) => {
    const words = c?.words.map((w) => w.value) ?? [];
    const first = words[0] === 'if' ? words[1] : words[0];
    return (/^\w+=\$\?$/.test(first ?? '') || ['[', '[[', 'test', 'exit', 'return'].includes(first ?? '')) && words.some((w) => w.includes('$?'));
  };
  const exits = (c: LocatedCommand | undefined) => ['exit', 'return'].includes(c?.words[0]?.value ?? '');
  return doing.every((step) => step === script.steps.at(-1) || (step.terminator === '||' && exits(next(step))) || tests(next(step)));
}

/** Test fixtures are inputs, not scripts anyone runs. */
const FIXTURES = /(?:^|\/)(?:__fixtures__|fixtures|testdata)\//;

export default defineRule({
  id: 'ops/script-safety',
  title: 'Deploy and operations scripts stop on the first error and never make files world-writable',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'A shell script without `set -e` carries on after a failed step: a deploy whose build failed still restarts the service on the old code, a backup whose dump failed still rotates away the last good archive, and the script ends "successfully". `chmod 777` makes code or data writable by every account on the host, so any compromised process can plant code the service will run. A script counts when it is named for an operation (deploy, backup, migrate, release, rollback), or lies in a scripts/ or deploy/ folder and something in the repository runs it (a workflow, a package script, a Dockerfile, a manifest or another script).',
  fix: 'Start the script with `set -euo pipefail` (or `set -e`) right after the shebang, and give files the narrowest mode that works: 755/750 for folders and programs, 644/640 (600 for secrets) for files, owned by the service user.',
  appliesTo: ['shell'],
  messages: {
    noErrexit: (d: { command: string }) =>
      `\`${d.command}\` runs before any \`set -e\`, so the script goes on after a failed step: add \`set -euo pipefail\` right after the shebang`,
    worldWritable: (d: { mode: string }) =>
      `\`chmod ${d.mode}\` makes files writable by every user on the host: use 755/750 for folders and programs, 644/640 for files`,
  },
  check({ project, subject }) {
    let naming: Map<string, Set<string>> | undefined;
    // Something in the repository runs it: a workflow, a package script, an image, a manifest or another script names it.
    const run = (file: string) => {
      naming ??= namedBy(project.files, new Set(project.scripts.map((s) => basename(s.file))));
      return [...(naming.get(basename(file)) ?? [])].some((by) => by !== file);
    };
    for (const script of project.scripts) {
      // Operations scripts that ship: named for an operation anywhere, or in an operations folder that something runs,
      // unless named as developer tooling (a maintainer's helper nothing runs is not an operation on what runs).
      const named = OPS_NAME.test(basename(script.file));
      if (FIXTURES.test(script.file) || !project.scope.ships(script.file) || !(named || (OPS_FOLDER.test(script.file) && !developerTooling(script.file) && run(script.file)))) continue;
      // A script for another interpreter (`#!/usr/bin/env node`, fish) has no errexit.
      if (script.shebang && !isShellProgram(script.shebang.interpreter)) continue;
      const report = subject(script.file);
      const steps = stepsThatMatter(script);
      const doing = steps.doing;
      const first = steps.first ?? script.firstCommand;
      if (!script.errexit && first && !singleStep(script, doing) && !checksStatus(script, doing)) report.report('noErrexit', { command: (invocation(first.words).argv[0] ?? first.words[0])?.value ?? '' }, first.loc);
      for (const chmod of script.chmods) if (chmod.worldWritable) report.report('worldWritable', { mode: chmod.mode }, chmod.loc);
    }
  },
});
