import { defineRule } from '../../../src/rule.ts';

export default defineRule({
  id: 'env/syntax',
  title: 'Every line of every env file is a KEY=VALUE assignment that every loader reads the same way',
  category: 'reliability',
  severity: 'error',
  rationale:
    'dotenv, `docker run --env-file`, compose and shells disagree on lines they do not all understand: a space around `=` becomes part of the name or the value for Docker, an unclosed quote swallows the following lines into one value, and a key set twice takes the first value in one loader and the last in another. The service then starts with a configuration nobody wrote down, and usually only in production, where the file is read by a different tool than on a laptop.',
  fix: 'Write each setting as `KEY=value` (no spaces around `=`, letters, digits and underscores in the name), close every quote, set each key once, and start comments with `#`.',
  appliesTo: ['env'],
  messages: {
    notAssignment: () => 'this line is not a KEY=VALUE assignment: write it as `KEY=value`, or start it with `#` to make it a comment',
    invalidKey: (d: { key: string }) => `\`${d.key}\` is not a valid variable name: use letters, digits and underscores, not starting with a digit`,
    spaceAroundEquals: (d: { key: string }) =>
      `spaces around \`=\` after ${d.key}: write \`${d.key}=value\` (Docker's --env-file reads the spaces as part of the name or the value)`,
    unclosedQuote: (d: { key: string }) => `the value of ${d.key} opens a quote that is never closed: close it on this line (or, for a multi-line value, on its last line)`,
    textAfterQuote: (d: { key: string }) =>
      `text follows the closing quote of ${d.key}'s value and is not part of it: put the whole value inside the quotes, or start a comment with \` #\``,
    duplicateKey: (d: { key: string; firstLine: number }) =>
      `${d.key} is already set on line ${d.firstLine}: keep one assignment (loaders disagree on which one wins)`,
  },
  check({ project, subject }) {
    for (const env of project.envFiles) {
      // Env files that configure what ships, and the examples that document them; not test or development files.
      const exclusion = project.scope.exclusionOf(env.file);
      if (exclusion && !(env.documentation && exclusion.evidence === 'name')) continue;
      const report = subject(env.file);
      for (const problem of env.problems) {
        switch (problem.kind) {
          case 'notAssignment':
            report.report('notAssignment', undefined, problem.loc);
            break;
          case 'duplicateKey':
            report.report('duplicateKey', { key: problem.key, firstLine: problem.firstLine }, problem.loc);
            break;
          default:
            report.report(problem.kind, { key: problem.key }, problem.loc);
        }
      }
    }
  },
});
