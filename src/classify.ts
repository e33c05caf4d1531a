/** Which kind of artifact a path is, from its name (YAML is refined by content after parsing). */
import type { ArtifactKind, CommentSyntax } from './types.ts';

/** Renovate's config file names (`renovate.json`, `.renovaterc`, `.renovaterc.json5`, …); read for their presence. */
const RENOVATE_CONFIG = /^(?:renovate\.json5?|\.renovaterc(?:\.json5?)?)$/;
const LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock']);
/** Hosting platforms' own config files (Heroku, Vercel, Railway, Nixpacks). */
export const PLATFORM_CONFIG: ReadonlySet<string> = new Set(['procfile', 'app.json', 'vercel.json', 'now.json', 'railway.json', 'railway.toml', 'nixpacks.toml']);
/** `Dockerfile.<suffix>` is a Dockerfile variant (`Dockerfile.prod`), unless the suffix is another file type (`dockerfile.ts`, a template). */
const NOT_A_DOCKERFILE = /\.(?:[cm]?[jt]sx?|json|mdx?|markdown|ya?ml|txt|sh|py|go|rs|rb|java|html?|lock|log|bak|orig|swp|tmpl|tpl|j2|jinja2?|erb|hbs|mustache|ejs)$/;
/** Project documents often written without an extension (`CHANGELOG`, `HISTORY.txt`): read as Markdown. */
const PLAIN_TEXT_DOC = /^(?:changelog|changes|history|releases|runbook)(?:\.txt|\.rst)?$/;
const SOURCE_EXT = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/;
/** `.env.example`, `.env.dev.example`, `.example.env`, `example.env`, `.env.sample`, `.env.template`, `.env.dist`, `.env.defaults`. */
const DOC_ENV = /(?:^|[.])(?:example|sample|template|dist|defaults?)(?:$|\.env$)/i;
/**
 * node-config / convict production files: `config/production.json`, `config/prod.yaml`, `config/production-east.yml`,
 * `config/production.local.json` (any folder named config); not `config/production.example.json`.
 */
const PRODUCTION_APP_CONFIG = /(?:^|\/)config\/(?:production|prod)(?:[.-](?!(?:example|sample|template)\.)[^/]*)?\.(?:json|ya?ml)$/i;

/** Files a template engine renders (`.env.hbs`, `docker-compose.yml.j2`, `Dockerfile.ejs`): not yet the file they become. */
const TEMPLATE_EXT = /\.(?:hbs|handlebars|ejs|tmpl|tpl|j2|jinja2?|mustache|njk|liquid|erb|eta)$/;
/** Env examples named without the leading dot: `env.example`, `env-sample`, `ENVEXAMPLE`. */
const BARE_ENV_EXAMPLE = /^env[._-]?(?:example|sample|template|dist|defaults?)$/;

/** Kind by file name alone; `yaml` means "YAML, kind decided by content". Undefined: not read. */
export function classifyByName(path: string): ArtifactKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (TEMPLATE_EXT.test(lower)) return undefined;
  if (BARE_ENV_EXAMPLE.test(lower)) return 'env';
  // REUSE license sidecars (`.env.license`, `Dockerfile.license`) annotate the file they are named for.
  if (lower.endsWith('.license')) return undefined;
  const dockerfileVariant = lower.startsWith('dockerfile.') && !NOT_A_DOCKERFILE.test(lower);
  if (lower === 'dockerfile' || lower === 'containerfile' || dockerfileVariant || lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) {
    return lower.endsWith('.dockerignore') ? 'dockerignore' : 'dockerfile';
  }
  if (lower === '.dockerignore' || lower.endsWith('.dockerignore')) return 'dockerignore';
  if (lower === 'package.json') return 'package-json';
  if (RENOVATE_CONFIG.test(lower)) return 'renovate';
  // Nx's project configuration beside a package.json: its targets say how the package is tested and built.
  if (lower === 'project.json') return 'nx-project';
  if (LOCKFILES.has(lower)) return 'lockfile';
  if (lower === '.gitignore') return 'gitignore';
  if (lower === '.nvmrc' || lower === '.node-version') return 'node-version-file';
  // Hosting platforms' own config (Heroku, Vercel, Railway, Nixpacks): rules ask only whether one is there.
  if (PLATFORM_CONFIG.has(lower)) return 'other';
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) return 'env';
  if (PRODUCTION_APP_CONFIG.test(path)) return 'app-config';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) {
    if (lower === 'kustomization.yaml' || lower === 'kustomization.yml') return 'kustomization';
    return 'yaml';
  }
  if (SOURCE_EXT.test(lower) && !/\.d\.[cm]?ts$/.test(lower)) return 'source';
  // express-generator's entry point: a JavaScript file without an extension that `npm start` runs (`node ./bin/www`)
  if (/(?:^|\/)bin\/www$/.test(path)) return 'source';
  if (lower.endsWith('.sh') || lower.endsWith('.bash')) return 'shell';
  if (lower.endsWith('.service')) return 'systemd';
  // nginx.conf, site files in nginx's folders, and `.conf` files named for nginx elsewhere (`deploy/app.nginx.conf`, `nginx-prod.conf`)
  if (lower === 'nginx.conf' || (lower.endsWith('.conf') && (/(?:^|[.-])nginx[.-]/.test(lower) || /(?:^|\/)(?:nginx|conf\.d|sites-available|sites-enabled)(?:\/|$)/.test(path)))) return 'nginx';
  if (lower.endsWith('.md') || lower.endsWith('.mdx') || lower.endsWith('.markdown') || PLAIN_TEXT_DOC.test(lower)) return 'markdown';
  return undefined;
}

const WORKFLOW_OR_BOT = /(?:^|\/)\.github\/(?:workflows\/[^/]+|dependabot\.ya?ml)$/;
/** `compose.yaml`, `docker-compose.prod.yml`, `compose-dev.yaml`, `podman-compose.yml`: the names Compose (and podman-compose) reads or users pass with `-f`. */
export const COMPOSE_NAME = /(?:^|\/)(?:docker-|podman-)?compose(?:[.-][^/]*)?\.ya?ml$/i;
/** Folders that hold Kubernetes manifests by convention. */
const MANIFEST_FOLDER = /(?:^|\/)(?:k8s|kube|kubernetes|manifests?|deploy|deployments?|kustomize|overlays|openshift)\//i;
/** Top-level keys of a manifest (`apiVersion` and `kind`) or a compose file (`services` with an `image` or `build`), seen in the text even when it does not parse. */
const MANIFEST_KEYS = [/^apiVersion:/m, /^kind:/m];
const COMPOSE_KEYS = [/^services:/m, /^\s+(?:image|build):/m];

/**
 * True when a YAML file is of a kind shipready reads by its name, folder or top-level keys (a workflow, a
 * compose file, a manifest): one that is not and does not parse is left alone rather than reported.
 */
export function looksLikeKnownYaml(path: string, text: string): boolean {
  const has = (keys: readonly RegExp[]) => keys.every((re) => re.test(text));
  return WORKFLOW_OR_BOT.test(path) || COMPOSE_NAME.test(path) || MANIFEST_FOLDER.test(path) || has(MANIFEST_KEYS) || has(COMPOSE_KEYS);
}

/** True for env files that document variables rather than configure a deployment. */
export function isDocumentationEnv(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return DOC_ENV.test(name) || BARE_ENV_EXAMPLE.test(name.toLowerCase());
}

export function commentSyntaxOf(kind: ArtifactKind, path: string): CommentSyntax {
  if (kind === 'source') return '//';
  if (kind === 'package-json' || kind === 'renovate' || kind === 'nx-project' || kind === 'lockfile' || kind === 'markdown' || path.toLowerCase().endsWith('.json')) return 'none';
  return '#';
}
