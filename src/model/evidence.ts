/**
 * What a file says about itself: whether its path, its name or its header comment marks it as part of
 * development, tests, examples or documentation rather than of what runs in production. These are the
 * weakest signals of the scope model (src/model/scope.ts): the config, the deployment graph and the
 * content of a file outrank them.
 */
import { isDocumentationEnv } from '../classify.ts';
import type { ArtifactKind, SourceFile } from '../types.ts';

export type Evidence = 'config' | 'deployment' | 'content' | 'name' | 'path' | 'header';

/** Why an artifact is left out of production judgement: the signal and a phrase a user can check. */
export interface Exclusion {
  evidence: Evidence;
  /** What was seen, as a phrase: `in a test folder (e2e/)`, `named for development (Dockerfile.dev)`. */
  reason: string;
}

/**
 * Folders of tests, fixtures, examples, demos, playgrounds, docs and local tooling, by what they hold. Inside
 * source trees only the unambiguous ones count: `src/local/` may be a passport strategy, `src/demo/` a feature.
 */
interface Folder {
  what: string;
  inSource: boolean;
}

function folders(names: readonly string[], what: string, inSource: boolean): [string, Folder][] {
  return names.map((name) => [name, { what, inSource }]);
}

const FOLDERS: ReadonlyMap<string, Folder> = new Map([
  ...folders(['test', 'tests', '__tests__', 'testing', 'spec', 'specs', 'e2e', 'cypress', 'playwright', 'integration-tests', '__mocks__', 'mocks', '__snapshots__'], 'test', true),
  ...folders(['fixtures', 'fixture', '__fixtures__', 'testdata', 'test-data'], 'test fixture', true),
  ...folders(['examples', 'example'], 'example', true),
  ...folders(['seeds', 'seeders'], 'database seed', true),
  ...folders(['samples', 'sample', 'demo', 'demos'], 'example', false),
  ...folders(['playground', 'playgrounds', 'storybook', '.storybook', 'stories'], 'playground', true),
  ...folders(['sandbox'], 'playground', false),
  ...folders(['docs', 'doc', 'documentation', 'website'], 'documentation', false),
  ...folders(['benchmark', 'benchmarks', 'bench'], 'benchmark', true),
  ...folders(['.devcontainer', '.gitpod', '.vscode', '.idea', '.cursor', '.github', '.circleci', '.gitlab'], 'local tooling', true),
  ...folders(['local', 'dev', 'development'], 'local tooling', false),
  // `tools/seed-snapshot/`, `tooling/`: a repository's own developer tools; `templates/`: files for users to copy.
  ...folders(['tools', 'tooling'], 'local tooling', false),
  ...folders(['templates', 'template'], 'template', false),
]);
/** `test-app/`, `api-e2e/`, `integration-tests/`, `example-server/`: folders named for a test or example by prefix or suffix. */
const FOLDER_AFFIX = /^(?:(?:test|tests|e2e|example|examples|demo)[-_].+|.+[-_](?:test|tests|e2e|example|examples|demo|playground|docs|documentation))$/i;

/** Words in a file name that mark it for development, tests or CI (`Dockerfile.dev`, `compose.local.yaml`, `.env.test`). */
const DEVELOPMENT_WORDS: ReadonlyMap<string, string> = new Map([
  ...['dev', 'develop', 'development', 'local', 'debug', 'devcontainer', 'gitpod', 'override', 'watch'].map((w) => [w, 'development'] as const),
  ...['test', 'tests', 'testing', 'e2e', 'integration', 'cypress', 'playwright', 'mock', 'mocks', 'stub', 'ci'].map((w) => [w, 'tests'] as const),
  ...['example', 'sample', 'demo'].map((w) => [w, 'an example'] as const),
]);
/** Source files that are tests, stories, benchmarks or build-tool config, never the server's code. */
const NON_SERVER_SOURCE = /(?:\.(?:[a-z-]*(?:test|spec)|e2e|stories|story|bench|mock|fixture)\.[cm]?[jt]sx?|^(?:mocks?|fixtures?|test-?utils|testing)\.[cm]?[jt]sx?|(?:^|\.)(?:vite|vitest|jest|webpack|rollup|babel|playwright|cypress|tailwind|postcss|eslint|prettier|tsup|esbuild|karma|wdio|storybook|commitlint|lint-staged|stylelint|nodemon|svelte|astro|nuxt|next|remix|react-router|turbo|drizzle|codegen|docusaurus|typedoc)\.config(?:\.[\w-]+)?\.[cm]?[jt]s|^(?:gulpfile|gruntfile|jakefile)\.[cm]?[jt]s|\.d\.[cm]?ts)$/i;

function words(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** The folder of the path (relative to the linted root) that marks it as not shipping, if any. */
export function pathExclusion(path: string, kind?: ArtifactKind): Exclusion | undefined {
  const segments = path.split('/');
  segments.pop();
  for (const segment of segments) {
    const lower = segment.toLowerCase();
    const folder = FOLDERS.get(lower);
    const affix = !folder && FOLDER_AFFIX.test(lower) ? folderKind(lower) : undefined;
    // `src/api-docs/` in a server's source may serve its API reference; a package in `api-docs/` is documentation.
    const what = folder && (folder.inSource || kind !== 'source') ? folder.what : affix === 'documentation' && kind === 'source' ? undefined : affix;
    if (what) return { evidence: 'path', reason: `in ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} folder (${segment}/)` };
  }
  return undefined;
}

function folderKind(folder: string): string {
  if (/example|demo/.test(folder)) return 'example';
  if (/playground/.test(folder)) return 'playground';
  if (/docs$|documentation$/.test(folder)) return 'documentation';
  return 'test';
}

/** The words of the file name that mark it for development or tests, by kind (a source file by its suffix). */
export function nameExclusion(path: string, kind: ArtifactKind): Exclusion | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (kind === 'source') return NON_SERVER_SOURCE.test(name) ? { evidence: 'name', reason: `named as a test, story or build-tool config (${name})` } : undefined;
  if (!NAMED_KINDS.has(kind)) return undefined;
  if (kind === 'env' && isDocumentationEnv(path)) return { evidence: 'name', reason: `documents variables, it configures nothing (${name})` };
  // `docker-compose.yml`, `Dockerfile`, `.env`: only the words beyond the kind's own name count.
  const own = words(name).filter((w) => !KIND_WORDS.has(w));
  for (const word of own) {
    const what = DEVELOPMENT_WORDS.get(word) ?? (kind === 'compose' && word === 'build' ? 'building images' : undefined);
    if (what) return { evidence: 'name', reason: `named for ${what} (${name})` };
  }
  return undefined;
}

const NAMED_KINDS = new Set<ArtifactKind>(['dockerfile', 'compose', 'env', 'k8s', 'kustomization', 'shell', 'systemd', 'nginx', 'app-config']);
const KIND_WORDS = new Set(['dockerfile', 'containerfile', 'docker', 'compose', 'yml', 'yaml', 'env', 'sh', 'bash', 'service', 'conf', 'json']);

/**
 * A header comment that says the file is not for production: "for local development", "do not use in
 * production", "demo only", "Dockerfile for integration tests". Only statements about the file itself
 * count: "For local development, see docker-compose.dev.yml" points elsewhere and is not one.
 */
const HEADER_STATEMENTS: readonly RegExp[] = [
  /\b(?:do not|don't|never|please do not) (?:use|run|deploy) (?:this|it)?\s*(?:[\w-]+ ){0,3}(?:in|for|on) prod(?:uction)?\b/i,
  /\bnot (?:\w+ )?(?:intended|meant|suitable|designed|recommended|ready|safe) (?:for|to be used in|to use in|in) prod(?:uction)?\b/i,
  /\bnot (?:for|to be used in|for use in) prod(?:uction)?\b/i,
  /\bnot production[- ]ready\b/i,
  /\b(?:demo|demonstration|development|dev|testing|test|local[- ]dev(?:elopment)?|example) (?:use )?only\b/i,
  /\bfor (?:demo|demonstration|development|testing|local[- ]dev(?:elopment)?) (?:purposes|use) only\b/i,
  /\b(?:is|are) (?:only |intended |meant |used )*for (?:local |internal )?(?:development|dev|testing|tests|demonstration|demo|ci)(?: purposes| only)?\b/i,
  /\bused for (?:local |internal )?(?:development|testing|tests|demonstration|demo)\b/i,
  /\b(?:in|for|on|of|nukes?|resets?|cleans?|wipes?|starts?|stops?|seeds?|sets? up) the (?:local )?dev(?:elopment)? (?:environment|machine|setup|stack)\b/i,
  /^(?:a |the )?(?:dockerfile|docker[- ]compose(?: file| configuration)?|compose (?:file|stack|configuration)|image|container|stack|setup|config(?:uration)?)\s+(?:\w+ ){0,2}for (?:local |the )?(?:development|dev|testing|tests|integration tests|e2e(?: tests)?|ci|demo|demonstration)\b(?!,)/i,
  /\blocal[- ]dev(?:elopment)? (?:stack|setup|environment|workflows?|only|services)\b/i,
  /^#*\s*(?:an? )?example (?:docker[- ]?compose|compose|dockerfile|deployment|configuration|config|setup)\b/i,
  /\b(?:needed|required|used) (?:to|for) (?:develop(?:ing|ment)?|test(?:ing)?)(?: and (?:develop(?:ing|ment)?|test(?:ing)?))? (?:[\w-]+ ){0,2}locally\b/i,
  /\bfor (?:local )?(?:dev|development|testing|tests|demo)(?:\s*(?:\/|and|or)\s*(?:local )?(?:dev|development|testing|tests|demo))* purposes\b/i,
];
const HEADER_LINES = 20;

/** The comment lines at the top of a file (before its first non-comment line), without their markers. */
function headerComments(file: SourceFile): string[] {
  const out: string[] = [];
  const hash = file.comment === '#';
  let inBlock = false;
  for (const raw of file.lines.slice(0, HEADER_LINES)) {
    const line = raw.trim();
    if (line === '') continue;
    if (hash) {
      if (!line.startsWith('#')) break;
      out.push(line.replace(/^#+\s*/, ''));
    } else if (file.comment === '//') {
      if (inBlock || line.startsWith('/*')) {
        inBlock = !line.includes('*/');
        out.push(line.replace(/^\/\*+|\*+\/$|^\*+/g, '').trim());
      } else if (line.startsWith('//')) out.push(line.replace(/^\/\/+\s*/, ''));
      else if (!/^['"]use (?:strict|client|server)['"];?$/.test(line) && !line.startsWith('#!')) break;
    } else break;
  }
  return out;
}

/** The statement of comment lines that says what they describe is not for production (the matched phrase, shortened). */
function notForProduction(lines: readonly string[]): string | undefined {
  // A statement may run over lines ("the services required to develop and test X / locally"): the joined text too.
  for (const raw of lines.length > 1 ? [...lines, lines.join(' ')] : lines) {
    // Markdown emphasis in comments (`**not** intended`) is not part of the statement.
    const comment = raw.replace(/[*_`]+/g, '');
    for (const re of HEADER_STATEMENTS) {
      const m = re.exec(comment);
      if (m) return m[0].trim().slice(0, 60);
    }
  }
  return undefined;
}

/** The file's header comment, when it says the file is not for production. */
export function headerExclusion(file: SourceFile): Exclusion | undefined {
  const said = notForProduction(headerComments(file));
  return said === undefined ? undefined : { evidence: 'header', reason: `its header says "${said}"` };
}

/**
 * The comment right above a part of a file (a compose service's key at `line`), when it says the part is not for
 * production: `# minio is only used for local development; in production use any S3-compatible storage`.
 */
export function commentExclusion(file: SourceFile, line: number): Exclusion | undefined {
  const lines: string[] = [];
  for (let k = line - 2; k >= 0 && k >= line - 1 - HEADER_LINES; k--) {
    const text = (file.lines[k] ?? '').trim();
    if (!text.startsWith('#')) break;
    const comment = text.replace(/^#+\s*/, '');
    // Commented-out YAML (`# mailhog:`, `#   image: …`, `# - "8025:8025"`) belongs to what it comments out, and the prose above it too.
    if (/^(?:[\w.-]+:(?:\s|$)|- )/.test(comment)) break;
    lines.unshift(comment);
  }
  const said = notForProduction(lines);
  return said === undefined ? undefined : { evidence: 'header', reason: `the comment above it says "${said}"` };
}

/**
 * What a folder's README says about the files beside it, in its title or first lines: "# Internal Docker files",
 * "If you're looking for self-hosting files you're in the wrong place", "for local development only". The README at
 * the repository's root speaks for the project, not for a folder, and is not read here.
 */
const README_STATEMENTS: readonly RegExp[] = [
  ...HEADER_STATEMENTS,
  /^#+\s*internal (?:[\w-]+ ){0,2}(?:files|tooling|setup|configs?|configuration|scripts)\b/i,
  /\byou(?:'|\u2019)?re in the wrong place\b/i,
  // "This is not used anymore", "no longer maintained": a folder kept for history, which nothing deploys.
  /\b(?:this|it|these|they)(?: (?:service|folder|app|image|code))? (?:is|are) (?:not used any ?more|no longer (?:used|maintained|in use|deployed))\b/i,
];
const README_LINES = 8;

export function readmeExclusion(readme: SourceFile): Exclusion | undefined {
  const lines = readme.lines
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(0, README_LINES)
    .map((l) => l.replace(/[*_`]+/g, ''));
  for (const line of lines) {
    for (const re of README_STATEMENTS) {
      const m = re.exec(line);
      if (m) return { evidence: 'header', reason: `the README of its folder says "${m[0].replace(/^#+\s*/, '').trim().slice(0, 60)}"` };
    }
  }
  return undefined;
}

/** Wording of documentation that sets a compose file apart from production: it is for a developer's machine or a staging copy. */
const DEVELOPMENT_DOC = /\b(?:(?:on |for )?(?:a |your )?local (?:dev(?:elopment)?(?: machine| environment| setup)?|machine|testing)|dev(?:elopment)? (?:machine|environment|purposes)|dev or staging|(?:testing|evaluation|demo|demonstration) purposes|not (?:meant|intended|suitable|recommended|designed) for production(?: use)?)\b/i;
/** A sentence's mention of the compose file without its name: "the `docker-compose` file", "the compose file". */
const GENERIC_COMPOSE = /\bthe\s+`?(?:docker[- ]compose|compose)`?\s+file\b/i;
const PRIMARY_COMPOSE = /^(?:docker-compose|compose)\.ya?ml$/;

/** A sentence of the repository's documentation that speaks of compose files (split once, read for each compose file). */
export interface ComposeMention {
  doc: string;
  folder: string;
  sentence: string;
}

export function composeMentions(docs: readonly SourceFile[]): ComposeMention[] {
  return docs.flatMap((doc) => {
    if (!/compose/i.test(doc.text)) return [];
    const folder = doc.path.includes('/') ? doc.path.slice(0, doc.path.lastIndexOf('/')) : '';
    return doc.text
      .split(/(?<=[.!?])\s+|\n\s*\n/)
      .filter((sentence) => /compose/i.test(sentence) && DEVELOPMENT_DOC.test(sentence))
      .map((sentence) => ({ doc: doc.path, folder, sentence }));
  });
}

/**
 * What the repository's documentation says of a compose file: a sentence that names it (or "the docker-compose
 * file", for the plain one) and says it is meant for a local dev machine, a dev or staging environment, or not for
 * production. Documentation speaks of compose files in its own folder and the folders above it.
 */
export function documentedDevelopment(mentions: readonly ComposeMention[], composePath: string): Exclusion | undefined {
  const name = composePath.slice(composePath.lastIndexOf('/') + 1);
  const folder = composePath.includes('/') ? composePath.slice(0, composePath.lastIndexOf('/')) : '';
  for (const { doc, folder: docFolder, sentence } of mentions) {
    if (!(folder === '' || docFolder === folder || docFolder.startsWith(`${folder}/`))) continue;
    if (!(sentence.includes(name) || (PRIMARY_COMPOSE.test(name) && GENERIC_COMPOSE.test(sentence)))) continue;
    // "Use docker-compose.yml in production and docker-compose.dev.yml for local development": a sentence that also
    // speaks of production, or of another compose file, does not say which one is for development.
    const others = (sentence.match(/[\w.-]*compose[\w.-]*\.ya?ml\b/gi) ?? []).filter((n) => n !== name);
    if (others.length > 0 || (/\bprod(?:uction)?\b/i.test(sentence) && !/\bnot (?:meant|intended|suitable|recommended|designed) for production\b/i.test(sentence))) continue;
    const m = DEVELOPMENT_DOC.exec(sentence);
    if (m) return { evidence: 'header', reason: `${doc} says it is meant "${m[0].trim().slice(0, 50)}"` };
  }
  return undefined;
}

/** What a file says about itself: its folder, then its name, then its header comment. */
export function selfExclusion(file: SourceFile): Exclusion | undefined {
  return pathExclusion(file.path, file.kind) ?? nameExclusion(file.path, file.kind) ?? headerExclusion(file);
}
