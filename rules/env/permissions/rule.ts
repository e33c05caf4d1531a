import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings } from '../_shared.ts';

const PERMISSIONS = /(?:^|_)PERMISSIONS$/;
const DIRECTORY = /(?:^|_)(?:DIR|DIRS|DIRECTORY|DIRECTORIES|FOLDER)(?:_|$)/;
/** `0750`, `750`, `0o750`, `1777` (special bits first). */
const OCTAL = /^(?:0o)?([0-7]{3,4})$/i;
const DIR_LIMIT = 0o750;
const FILE_LIMIT = 0o640;

const octal = (mode: number) => `0${mode.toString(8)}`;

export default defineRule({
  id: 'env/permissions',
  title: 'Production data directories are at most 0750 and files at most 0640, never world-writable',
  category: 'security',
  severity: 'error',
  rationale:
    'Files and directories the service creates with the modes from its config hold sessions, backups and state. Modes wider than owner plus read-only group let every other account on the host (other containers sharing a volume, a compromised sidecar, a shell user) read them, and a world-writable mode lets any of them plant or change data the service will trust.',
  fix: `Use owner-only modes where possible (\`0700\` for directories, \`0600\` for files), and at most ${octal(DIR_LIMIT)} / ${octal(FILE_LIMIT)}; never grant write to others.`,
  appliesTo: ['env', 'app-config'],
  messages: {
    worldWritable: (d: { key: string; file: string }) => `${d.key} in ${d.file} lets every user on the host write: remove write for others (0700 or 0600 is usual)`,
    tooBroad: (d: { key: string; file: string; limit: string }) =>
      `${d.key} in ${d.file} grants more than ${d.limit}: narrow it (owner-only 0700 for directories, 0600 for files is usual)`,
  },
  check({ project, subject }) {
    checkProductionSettings(
      project,
      subject,
      (s) => !s.isReference && PERMISSIONS.test(s.name) && OCTAL.test(s.value.trim()),
      (s, report) => {
        const mode = Number.parseInt((OCTAL.exec(s.value.trim()) as RegExpExecArray)[1] as string, 8) & 0o777;
        const limit = DIRECTORY.test(s.name) ? DIR_LIMIT : FILE_LIMIT;
        if (mode & 0o002) report.report('worldWritable', { key: s.key, file: s.file }, s.valueLoc);
        else if (mode & ~limit) report.report('tooBroad', { key: s.key, file: s.file, limit: octal(limit) }, s.valueLoc);
      },
    );
  },
});
