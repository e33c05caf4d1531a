import { effectiveInstructions, rootBase } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';

const ROOT = /^(?:root|0)(?::.*)?$/;
/** Images whose default user is not root. */
const NON_ROOT_BASES = [/^distroless\/nodejs[^:]*$/, /^chainguard\/node$/];
/** Entrypoints that drop privileges before starting the app. */
const PRIVILEGE_DROPPERS = new Set(['gosu', 'su-exec', 'setpriv', 'setuidgid', 'chpst', 's6-setuidgid']);

export default defineRule({
  id: 'docker/non-root',
  title: 'The container runs as a non-root user',
  category: 'security',
  severity: 'error',
  rationale:
    'A process that runs as root inside the container is root on every file the container can reach: a remote-code-execution bug in the app or one of its dependencies then owns the image, its mounted volumes and secrets, and is one kernel or runtime bug away from the host. Official node images ship an unprivileged `node` user for exactly this reason; Kubernetes `runAsNonRoot` refuses to start root images.',
  fix: 'Add `USER node` (or another unprivileged user) to the final stage after the last step that needs root, and make the files the app writes owned by that user (`COPY --chown=node:node …`).',
  appliesTo: ['dockerfile'],
  messages: {
    noUser: (d: { image: string }) =>
      `the final stage (FROM ${d.image}) never sets USER, so the container runs as root: add \`USER node\` after the last step that needs root`,
    rootUser: (d: { user: string }) =>
      `USER ${d.user} is the last user of the final stage, so the container runs as root: end with \`USER node\` (or another unprivileged user)`,
  },
  check({ project, subject }) {
    for (const dockerfile of project.dockerfiles) {
      const stage = dockerfile.finalStage;
      if (!stage) continue;
      const base = rootBase(stage);
      if (base.type === 'scratch') continue;
      const users = effectiveInstructions(stage, 'USER');
      const last = users.at(-1);
      if (!last && base.type === 'variable') continue; // the base image is unknown: its default user may be anyone
      if (!last && base.type === 'image') {
        const name = base.ref.name;
        if (NON_ROOT_BASES.some((re) => re.test(name)) || base.ref.tag?.includes('nonroot')) {
          subject(dockerfile.file);
          continue;
        }
      }
      const entrypoint = effectiveInstructions(stage, 'ENTRYPOINT').at(-1);
      const dropsPrivileges = entrypoint?.words.some((w) => PRIVILEGE_DROPPERS.has(w.value.split('/').pop() ?? ''));
      const report = subject(dockerfile.file);
      if (dropsPrivileges) continue;
      if (!last) {
        report.report('noUser', { image: stage.fromImageText }, stage.fromImageLoc);
        continue;
      }
      const user = last.words[0]?.value ?? '';
      if (ROOT.test(user)) report.report('rootUser', { user }, last.argsLoc ?? last.loc);
    }
  },
});
