import { basename } from '../../../src/model/project.ts';
import { invocation, isShellProgram, type LocatedCommand } from '../../../src/parsers/shell.ts';
import { defineRule } from '../../../src/rule.ts';

/** Operations scripts: under a `scripts/` folder, or a folder named deploy… or backup…. */
const OPS_FOLDER = /(?:^|\/)(?:scripts|deploy[^/]*|backups?[^/]*)\//i;
/** …or named for an operation, in any folder: deploy.sh, backup-db.sh, release.sh, migrate.sh, pre-deploy-validation.sh, emergency-recovery.sh. */
const OPS_NAME = /(?:^|[-_.])(?:deploy|backup|restore|rollback|recovery|release|migrate)/i;
/** Commands that only print: their failure changes nothing. */
const PRINTS = new Set(['echo', 'printf']);

/**
 * A script with one step that matters, run last or through `exec` (`echo "Starting…"; exec node dist/main.js`):
 * nothing runs after a failure, and the script's status is that step's, so errexit changes nothing.
 */
function singleStep(steps: readonly LocatedCommand[]): boolean {
  const doing = steps.filter((c) => !PRINTS.has(invocation(c.words).argv[0]?.value ?? ''));
  const only = doing[0];
  return doing.length === 0 || (doing.length === 1 && only !== undefined && (only === steps.at(-1) || invocation(only.words).exec));
}

/** Test fixtures are inputs, not scripts anyone runs. */
const FIXTURES = /(?:^|\/)(?:__fixtures__|fixtures|testdata)\//;

export default defineRule({
  id: 'ops/script-safety',
  title: 'Deploy and operations scripts stop on the first error and never make files world-writable',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'A shell script without `set -e` carries on after a failed step: a deploy whose build failed still restarts the service on the old code, a backup whose dump failed still rotates away the last good archive, and the script ends "successfully". `chmod 777` makes code or data writable by every account on the host, so any compromised process can plant code the service will run.',
  fix: 'Start the script with `set -euo pipefail` (or `set -e`) right after the shebang, and give files the narrowest mode that works: 755/750 for folders and programs, 644/640 (600 for secrets) for files, owned by the service user.',
  appliesTo: ['shell'],
  messages: {
    noErrexit: (d: { command: string }) =>
      `\`${d.command}\` runs before any \`set -e\`, so the script goes on after a failed step: add \`set -euo pipefail\` right after the shebang`,
    worldWritable: (d: { mode: string }) =>
      `\`chmod ${d.mode}\` makes files writable by every user on the host: use 755/750 for folders and programs, 644/640 for files`,
  },
  check({ project, subject }) {
    for (const script of project.scripts) {
      if (FIXTURES.test(script.file) || !(OPS_FOLDER.test(script.file) || OPS_NAME.test(basename(script.file)))) continue;
      // A script for another interpreter (`#!/usr/bin/env node`, fish) has no errexit.
      if (script.shebang && !isShellProgram(script.shebang.interpreter)) continue;
      const report = subject(script.file);
      const first = script.firstCommand;
      if (!script.errexit && first && !singleStep(script.steps)) report.report('noErrexit', { command: (invocation(first.words).argv[0] ?? first.words[0])?.value ?? '' }, first.loc);
      for (const chmod of script.chmods) if (chmod.worldWritable) report.report('worldWritable', { mode: chmod.mode }, chmod.loc);
    }
  },
});
