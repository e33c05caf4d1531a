import { nodeImageVersion } from '../../../src/model/images.ts';
import { isEndOfLife, nodeLine, supportedLtsLines } from '../../../src/model/node-lines.ts';
import { stepRunsTests } from '../../ci/_shared.ts';
import { admitsMajor, type NodeVersionSpec, nodeVersionSpec, versionFileEntry } from '../../../src/model/node-versions.ts';
import type { Project } from '../../../src/model/project.ts';
import { isExcludedPath } from '../../../src/model/service/index.ts';
import { type ImageRef, imageTagLoc, lineage, parseImageRef, type Stage } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';
import { isLiteralImage } from '../../../src/model/links.ts';
import { at } from '../_shared.ts';

/**
 * A place that says which Node.js runs or is supported. The reference major is what production runs (the
 * production images, by majority, ties to the newer); without a production image, the major most places name.
 */
interface Place {
  /** As messages show it: `FROM node:22-alpine`, `engines.node ">=20"`. */
  what: string;
  loc: Loc;
  /** The one major it names (images, version files, a single setup-node version); it votes for the reference. */
  major?: number;
  /** Whether it admits a major (ranges, matrices); undefined for places that name one major. */
  admits?: (major: number) => boolean;
  /** A CI matrix: the lines the project is tested on, a claim that is judged only against what production runs. */
  matrix?: true;
}

function imageMajor(ref: ImageRef, now: Date): number | undefined {
  const version = nodeImageVersion(ref);
  if (!version) return undefined;
  if ('major' in version) return version.major;
  return version.alias === 'lts' ? supportedLtsLines(now).at(-1)?.major : undefined;
}

function placeOfSpec(what: string, loc: Loc, spec: NodeVersionSpec): Place {
  return 'major' in spec ? { what, loc, major: spec.major } : { what, loc, admits: (m) => admitsMajor(spec.range, m) };
}

function dockerfilePlaces(project: Project, now: Date): Place[] {
  return project.runtimeStages.flatMap(({ stage }) => {
    const root = lineage(stage)[0] as Stage;
    if (root?.base.type !== 'image') return [];
    const major = imageMajor(root.base.ref, now);
    const version = nodeImageVersion(root.base.ref);
    if (major === undefined) return [];
    return [{ what: `FROM ${root.base.ref.raw}`, loc: version && 'via' in version && version.via === 'name' ? root.fromImageLoc : imageTagLoc(root), major }];
  });
}

/** `node:` images a manifest runs directly (not built from a Dockerfile here). */
function manifestPlaces(project: Project, now: Date): Place[] {
  return project.deployments.flatMap((d) => {
    if (d.dockerfile) return [];
    const image = d.runner?.platform === 'kubernetes' ? d.runner.container.image : d.runner?.service.image;
    if (!image || !isLiteralImage(image.value)) return [];
    const ref = parseImageRef(image.value.trim());
    const major = imageMajor(ref, now);
    return major === undefined ? [] : [{ what: `image ${ref.raw}`, loc: image.loc, major }];
  });
}

function enginesPlaces(project: Project): Place[] {
  return project.packages.flatMap((pkg) => {
    const range = pkg.engines.node;
    if (range === undefined || isExcludedPath(pkg.file)) return [];
    return [{ what: `engines.node "${range}"`, loc: pkg.at('/engines/node'), admits: (m: number) => admitsMajor(range, m) }];
  });
}

function versionFilePlaces(project: Project, now: Date): Place[] {
  return project.filesOf('node-version-file').flatMap((file) => {
    const entry = isExcludedPath(file.path) ? undefined : versionFileEntry(file);
    const spec = entry && nodeVersionSpec(entry.text, now);
    return entry && spec ? [placeOfSpec(`"${entry.text}"`, entry.loc, spec)] : [];
  });
}

const MATRIX_REF = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/;

/** setup-node in the jobs that run the tests: a job that lints, publishes or builds a mobile app tests no runtime production uses. */
function setupNodePlaces(project: Project, now: Date): Place[] {
  return project.workflows.flatMap((workflow) =>
    workflow.jobs.flatMap((job) =>
      (job.steps.some((step) => stepRunsTests(project, step)) ? job.steps : []).flatMap((step) => {
        const input = step.with.get('node-version');
        if (!/^actions\/setup-node(?:@|$)/.test(step.uses?.value ?? '') || !input) return [];
        const matrixKey = MATRIX_REF.exec(input.value.trim())?.[1];
        if (matrixKey === undefined) {
          const spec = nodeVersionSpec(input.value, now);
          return spec ? [placeOfSpec(`setup-node node-version "${input.value}"`, input.loc, spec)] : [];
        }
        const values = job.matrix.get(matrixKey) ?? [];
        const specs = values.flatMap((v) => nodeVersionSpec(v, now) ?? []);
        if (specs.length === 0) return [];
        const admits = (m: number) => specs.some((s) => ('major' in s ? s.major === m : admitsMajor(s.range, m)));
        return [{ what: `setup-node matrix ${matrixKey} [${values.join(', ')}]`, loc: input.loc, admits, matrix: true as const }];
      }),
    ),
  );
}

/** The most common major (ties: the newest). */
function majority(majors: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const m of majors) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
}

const agrees = (place: Place, major: number) => (place.major !== undefined ? place.major === major : (place.admits?.(major) ?? true));

export default defineRule({
  id: 'cross/node-version',
  title: 'Every place that names a Node.js version agrees on the major',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'The Node.js that production runs is the one in the image. When `.nvmrc`, `engines.node` and the CI `setup-node` version name another major, developers and CI test on a runtime production never sees: behaviour changes between majors (fetch, streams, OpenSSL, removed APIs, native module ABI) pass the tests and break in production, or the reverse.',
  fix: "Pick the major production runs and write it everywhere: the Dockerfile's FROM, `.nvmrc`/`.node-version`, `engines.node` (a range that admits it) and `actions/setup-node` (or a matrix that includes it).",
  appliesTo: ['dockerfile', 'package-json', 'node-version-file', 'workflow', 'k8s', 'compose'],
  messages: {
    disagree: (d: { major: number; basis: string; places: string; change: string }) =>
      `${d.basis} Node.js ${d.major}, but not every place agrees (${d.places}): change ${d.change} to Node.js ${d.major}`,
  },
  check({ project, subject, now }) {
    const production = [...dockerfilePlaces(project, now), ...manifestPlaces(project, now)];
    const places = [...production, ...enginesPlaces(project), ...versionFilePlaces(project, now), ...setupNodePlaces(project, now)];
    const fromProduction = majority(production.flatMap((p) => (p.major === undefined ? [] : [p.major])));
    const major = fromProduction ?? majority(places.flatMap((p) => (p.major === undefined ? [] : [p.major])));
    // Never advise moving to a line past its end of life: docker/node-version and pkg/engines say to leave it.
    const line = major === undefined ? undefined : nodeLine(major);
    if (major === undefined || places.length < 2 || !line || isEndOfLife(line, now)) return;
    const report = subject('.');
    // A matrix tests several lines: it must include the line production runs, but without a production image there
    // is no such line, and a matrix beside another job's version is no contradiction.
    const disagreeing = places.filter((p) => !agrees(p, major) && (fromProduction !== undefined || !p.matrix));
    const first = disagreeing[0];
    if (!first) return;
    const describe = (p: Place) => `${at(p.loc)} ${p.what}${p.major !== undefined ? '' : agrees(p, major) ? ` admits ${major}` : ` does not admit ${major}`}`;
    report.report(
      'disagree',
      {
        major,
        basis: fromProduction !== undefined ? 'production runs' : 'most places name',
        places: places.map(describe).join('; '),
        change: disagreeing.map((p) => `${p.what} at ${at(p.loc)}`).join(', '),
      },
      first.loc,
    );
  },
});
