import { nodeImageVersion } from '../../../src/model/images.ts';
import { isEndOfLife, nodeLine, supportedLtsLines } from '../../../src/model/node-lines.ts';
import { imageTagLoc, lineage, type Stage } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';

export default defineRule({
  id: 'docker/node-version',
  title: 'The image runs a supported Node.js release line',
  category: 'security',
  severity: 'error',
  rationale:
    'A Node.js line past its end of life gets no security releases: vulnerabilities found in its HTTP parser, TLS, OpenSSL or npm after that date stay open in every container built from it, and the ecosystem drops it (new dependency versions stop supporting it, so upgrades get stuck too). Only the final stage matters: it is what runs in production.',
  fix: 'Move the final stage to a supported LTS line (`FROM node:22-alpine` or newer), run the tests on it, and keep `engines.node`, `.nvmrc` and CI on the same line.',
  appliesTo: ['dockerfile'],
  messages: {
    endOfLife: (d: { image: string; major: number; codename?: string; end: string; target?: { major: number; end: string } }) =>
      `${d.image} runs Node.js ${d.major}${d.codename ? ` (${d.codename})` : ''}, which reached end of life on ${d.end} and gets no security fixes: ${
        d.target ? `move to Node.js ${d.target.major}, the oldest LTS line still supported (until ${d.target.end}), or newer` : 'move to a supported LTS line'
      }`,
  },
  check({ project, subject, now }) {
    for (const { stage, subject: name } of project.runtimeStages) {
      // Build stages do not run in production: only the production stage's own lineage does.
      const root = lineage(stage)[0] as Stage;
      if (root.base.type !== 'image') continue;
      const { ref } = root.base;
      const version = nodeImageVersion(ref);
      if (!version) continue;
      const report = subject(name);
      if (!('major' in version)) continue; // lts / current are supported by definition
      const line = nodeLine(version.major);
      if (!line || !isEndOfLife(line, now)) continue; // unknown or future lines are not end of life
      const target = supportedLtsLines(now)[0];
      report.report(
        'endOfLife',
        {
          image: ref.raw,
          major: line.major,
          codename: line.codename,
          end: line.end,
          target: target && { major: target.major, end: target.end },
        },
        version.via === 'name' ? root.fromImageLoc : imageTagLoc(root),
      );
    }
  },
});
