import { credentialKind, issuedByProvider } from '../../../src/model/credentials.ts';
import { isLiteralValue, isSecretLikeKey } from '../../../src/model/secrets.ts';
import { lineage, pairs } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';

/** Words that mark a stand-in for a real value at build time, and the filler words such a value is written with. */
const STAND_IN_MARKS = new Set(['placeholder', 'dummy', 'test', 'testing', 'build', 'buildtime', 'ci', 'mock', 'stub', 'unused', 'notused', 'example', 'sample']);
const STAND_IN_FILLER = new Set(['time', 'not', 'used', 'min', 'max', 'chars', 'characters', 'long', 'value', 'secret', 'key', 'token', 'only', 'for', 'at', 'the']);

/**
 * A value that says it stands in for a real one at build time, made only of such words and numbers: `test`, `dummy`,
 * `build-time-placeholder-min-32-chars-long`. `a8Fk3-x-Q9zLm2Pw7` is not one.
 */
function buildStandIn(value: string): boolean {
  const words = value.toLowerCase().split(/[-_.\s]+/).filter((w) => w !== '');
  return words.some((w) => STAND_IN_MARKS.has(w)) && words.every((w) => STAND_IN_MARKS.has(w) || STAND_IN_FILLER.has(w) || /^\d+$/.test(w));
}

export default defineRule({
  id: 'docker/no-secret-in-image',
  title: 'No secret is written into the Dockerfile',
  category: 'security',
  severity: 'error',
  rationale:
    'A literal value in ENV or ARG is committed with the Dockerfile and baked into the image: `docker history` and `docker inspect` show it to anyone who can pull the image, every registry and cache that stores a layer keeps it, and rotating it means rebuilding and redeploying everything. Build stages leak it too, through the build cache and their own history; a stand-in value a build stage sets only so the build\'s env validation passes (`test`, `build-time-placeholder`) is not a secret.',
  fix: 'Pass secrets at runtime (the orchestrator\'s secret store, `--env-file`, a mounted file read through a `*_FILE` variable); for build steps that need one, use a BuildKit secret: `RUN --mount=type=secret,id=npm_token …`.',
  appliesTo: ['dockerfile'],
  messages: {
    literalSecret: (d: { keyword: string; key: string }) =>
      `${d.keyword} ${d.key} has a literal value, committed in the Dockerfile and readable in the image history: ${
        d.keyword === 'ARG' ? 'remove the default and pass it with `RUN --mount=type=secret`' : 'set it at runtime (a secret store or mounted file) instead'
      }, and rotate it`,
    credentialValue: (d: { keyword: string; key: string; kind: string }) =>
      `${d.keyword} ${d.key} holds ${d.kind}, committed in the Dockerfile and readable in the image history: revoke and rotate it, and pass it at runtime or as a BuildKit secret`,
  },
  check({ project, subject }) {
    const built = new Set(project.builtImages);
    for (const dockerfile of project.dockerfiles) {
      const report = subject(dockerfile.file);
      // The stages whose ENV and ARG the image carries: the runtime stages and what they are built FROM (a build-only image: its final stage's).
      const runtime = project.scope.runtimeStages(dockerfile);
      const shipped = new Set((runtime.length > 0 ? runtime : dockerfile.finalStage ? [dockerfile.finalStage] : []).flatMap((s) => lineage(s)));
      const instructions = [...dockerfile.globalArgs.map((a) => a.instruction), ...dockerfile.stages.flatMap((s) => s.instructions)];
      const inBuildStage = new Set(dockerfile.stages.filter((s) => !shipped.has(s)).flatMap((s) => s.instructions));
      for (const ins of new Set(instructions)) {
        if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
        for (const kv of pairs(ins)) {
          if (!isLiteralValue(kv.value)) continue;
          // `ENV AUTH_SECRET=build-time-placeholder` in a builder stage, so a build's env validation passes: a stand-in the image never carries.
          if (inBuildStage.has(ins) && buildStandIn(kv.value)) continue;
          // A credential of a known format is one whatever its key, in any image; a secret-like key counts in images that ship.
          const found = credentialKind(kv.value, kv.key);
          // A private key or a connection string is only a secret in an image that ships; a provider's token is one anywhere.
          const kind = found && (built.has(dockerfile) || issuedByProvider(found)) ? found : undefined;
          const at = kv.valueLoc ?? kv.loc;
          if (kind) report.report('credentialValue', { keyword: ins.keyword, key: kv.key, kind }, at);
          else if (built.has(dockerfile) && isSecretLikeKey(kv.key)) report.report('literalSecret', { keyword: ins.keyword, key: kv.key }, at);
        }
      }
    }
  },
});
