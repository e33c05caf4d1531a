import { PRIVILEGE_DROPPERS } from '../../../src/model/commands.ts';
import { basename, type Project } from '../../../src/model/project.ts';
import { imageFileText } from '../../../src/model/stage-state.ts';
import { containerCommand, type Dockerfile, effectiveInstructions, rootBase, type Stage, describeStage } from '../../../src/parsers/dockerfile.ts';
import { locatedCommands } from '../../../src/parsers/shell.ts';
import { defineRule } from '../../../src/rule.ts';

const ROOT = /^(?:root|0)(?::.*)?$/;
/**
 * Images whose default user is not root: Chainguard and Docker Hardened Images, Bitnami's (UID 1001),
 * nginx-unprivileged, Red Hat UBI Node.js images (USER 1001). Distroless runs as root but for its `nonroot` tags.
 */
const NON_ROOT_BASES = [/^chainguard\//, /^bitnami\//, /^dhi\//, /(?:^|\/)nginx-unprivileged$/, /^ubi\d+\/nodejs-\d+(?:-minimal)?$/];
/** Registries of hardened images that run as a non-root user by default. */
const NON_ROOT_REGISTRIES = new Set(['cgr.dev', 'dhi.io']);
/**
 * Official images whose own entrypoint drops root before starting the server (`gosu postgres`, `gosu mysql`,
 * `gosu redis`): an image built FROM them without USER, and without an ENTRYPOINT of its own, does not run as root.
 */
const DROPS_ROOT_ITSELF = /^(?:postgres|postgis\/postgis|mysql|mariadb|redis|mongo|rabbitmq|elasticsearch|couchdb|cassandra|clickhouse\/clickhouse-server|bitnami\/.+)$/;

/** The USER to suggest: the official node images ship `node`, distroless ships `nonroot`; other images need one created. */
function suggestedUser(base: ReturnType<typeof rootBase>): string {
  if (base.type === 'scratch') return 'a numeric unprivileged user (`USER 65532`)';
  if (base.type !== 'image') return 'a `USER` with an unprivileged user';
  if (/(?:^|\/)node$/.test(base.ref.name)) return '`USER node`';
  if (base.ref.name.startsWith('distroless/')) return '`USER nonroot` (or a `:nonroot` tag)';
  return 'a `USER` with an unprivileged user (create one with `adduser`)';
}

/** A word that runs a privilege dropper: `gosu`, `su-exec`, or a variable set to one (`GOSU="gosu ${UID}:${GID}"`, then `exec $GOSU java …`). */
function runsDropper(word: { value: string }): boolean {
  const assigned = /^[A-Za-z_][A-Za-z0-9_]*=(\S+)/.exec(word.value)?.[1];
  return PRIVILEGE_DROPPERS.has(basename(assigned ?? word.value));
}

/**
 * True when the container's command, or a script it names (the ENTRYPOINT's or the CMD's: `["/bin/bash",
 * "/app/entrypoint.sh"]`), drops root before starting the app (`exec gosu node "$@"`).
 */
function dropsPrivileges(project: Project, dockerfile: Dockerfile, stage: Stage): boolean {
  const { entrypoint, cmd } = containerCommand(stage);
  // A shell-form ENTRYPOINT ignores the CMD.
  const words = [...(entrypoint?.words ?? []), ...(entrypoint && !entrypoint.exec ? [] : (cmd?.words ?? []))];
  return (
    words.some(runsDropper) ||
    words.some((w) => {
      const script = imageFileText(project, dockerfile, stage, w.value);
      return script !== undefined && locatedCommands(script).some((c) => c.words.some(runsDropper));
    })
  );
}

/** The Docker engine installed in the image (get.docker.com, `docker-ce`, `docker.io`, `moby-engine`): it runs against the host's socket. The CLI alone may reach a remote daemon. */
const INSTALLS_DOCKER = /\bget\.docker\.com\b|\bget-docker\.sh\b|\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:add|install)\b[^&;|]*?\s(?:docker-ce|docker\.io|moby-engine|docker)(?=\s|$)/;
const DOCKER_SOCKET = /^\/(?:var\/)?run\/docker\.sock$/;

/**
 * The container drives the host's Docker: its image installs the Docker engine, or a deployment mounts the Docker socket
 * into it. Whoever talks to that socket is root on the host, as root or as a member of the docker group: a USER
 * changes nothing (compose/k8s rules judge the socket mount itself).
 */
function drivesDocker(project: Project, dockerfile: Dockerfile, stage: Stage): boolean {
  if (effectiveInstructions(stage, 'RUN').some((ins) => INSTALLS_DOCKER.test(ins.words.map((w) => w.value).join(' ')))) return true;
  const deployments = project.deploymentsOf(dockerfile, stage);
  return deployments.length > 0 && deployments.every((d) => d.runner?.platform === 'compose' && d.runner.service.volumes.some((v) => DOCKER_SOCKET.test(v.source ?? '')));
}

export default defineRule({
  id: 'docker/non-root',
  title: 'The container runs as a non-root user',
  category: 'security',
  severity: 'error',
  rationale:
    'A process that runs as root inside the container is root on every file the container can reach: a remote-code-execution bug in the app or one of its dependencies then owns the image, its mounted volumes and secrets, and is one kernel or runtime bug away from the host. Official node images ship an unprivileged `node` user for exactly this reason; Kubernetes `runAsNonRoot` refuses to start root images. An image that drives the host\'s Docker (it installs the Docker engine, or is run with the Docker socket mounted) is root on the host through that socket whatever its USER, and is not judged here.',
  fix: 'Add `USER node` (or another unprivileged user) to the final stage after the last step that needs root, and make the files the app writes owned by that user (`COPY --chown=node:node …`).',
  appliesTo: ['dockerfile'],
  messages: {
    noUser: (d: { stage: string; suggestion: string }) =>
      `${d.stage} never sets USER, so the container runs as root: add ${d.suggestion} after the last step that needs root`,
    rootUser: (d: { user: string; suggestion: string }) =>
      `USER ${d.user} is the last user of the final stage, so the container runs as root: end with ${d.suggestion}`,
  },
  check({ project, subject }) {
    for (const { dockerfile, stage, subject: name } of project.runtimeStages) {
      const base = rootBase(stage);
      const users = effectiveInstructions(stage, 'USER');
      const last = users.at(-1);
      if (!last && base.type === 'scratch') continue; // no user database: a static binary's concern, not a Node image's
      if (!last && base.type === 'variable') continue; // the base image is unknown: its default user may be anyone
      if (!last && base.type === 'image') {
        const image = base.ref.name;
        const nonRootByDefault = NON_ROOT_BASES.some((re) => re.test(image)) || NON_ROOT_REGISTRIES.has(base.ref.registry ?? '') || /(?:^|-)nonroot$/.test(base.ref.tag ?? '');
        const entrypointDropsRoot = DROPS_ROOT_ITSELF.test(image) && effectiveInstructions(stage, 'ENTRYPOINT').length === 0;
        if (nonRootByDefault || entrypointDropsRoot) {
          subject(name);
          continue;
        }
      }
      const report = subject(name);
      if (dropsPrivileges(project, dockerfile, stage) || drivesDocker(project, dockerfile, stage)) continue;
      const suggestion = suggestedUser(base);
      if (!last) {
        report.report('noUser', { stage: describeStage(dockerfile, stage), suggestion }, stage.fromImageLoc);
        continue;
      }
      const user = last.words[0]?.value ?? '';
      if (ROOT.test(user)) report.report('rootUser', { user, suggestion }, last.argsLoc ?? last.loc);
    }
  },
});
