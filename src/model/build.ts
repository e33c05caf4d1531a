/**
 * parse → model: one parser per artifact kind; parse failures become problems (reported as
 * shipready/parse-error) and the run goes on.
 */
import { type Document, parseAllDocuments } from 'yaml';
import type { FileProblem } from '../discover.ts';
import { type Dockerfile, parseDockerfile } from '../parsers/dockerfile.ts';
import { type DockerIgnore, parseDockerignore } from '../parsers/dockerignore.ts';
import type { ResolvedConfig } from '../config.ts';
import type { ArtifactKind, SourceFile } from '../types.ts';
import { type Deployment, makeProject, type Project } from './project.ts';

/** YAML safety bounds: alias expansion and nesting are capped so a bomb is a parse error, not a hang. */
const YAML_MAX_ALIAS_COUNT = 1000;

export interface ParsedYaml {
  file: SourceFile;
  documents: Document.Parsed[];
}

export interface BuiltModel {
  project: Project;
  problems: FileProblem[];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
}

/** Decides the kind of a YAML file from its path and first document. */
function yamlKind(path: string, documents: Document.Parsed[]): ArtifactKind {
  if (/(?:^|\/)\.github\/workflows\/[^/]+$/.test(path)) return 'workflow';
  if (/(?:^|\/)\.github\/dependabot\.ya?ml$/.test(path)) return 'dependabot';
  for (const doc of documents) {
    const value = doc.contents && 'get' in doc.contents ? doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT }) : undefined;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if ('apiVersion' in value && 'kind' in value) return 'k8s';
      if ('services' in value) return 'compose';
    }
  }
  return 'yaml';
}

export function parseYaml(file: SourceFile): ParsedYaml {
  const documents = parseAllDocuments(file.text, { prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0];
      throw Object.assign(new Error(error.message.split('\n')[0]), { line: pos?.line, column: pos?.col });
    }
    // Materialising once bounds alias expansion: an alias bomb throws here.
    doc.toJS({ maxAliasCount: YAML_MAX_ALIAS_COUNT });
  }
  return { file, documents: list };
}

export function buildModel(root: string, files: readonly SourceFile[], _config: ResolvedConfig): BuiltModel {
  const problems: FileProblem[] = [];
  const dockerfiles: Dockerfile[] = [];
  const dockerignores: DockerIgnore[] = [];
  const deployments: Deployment[] = [];
  const classified: SourceFile[] = [];

  const attempt = <T>(file: SourceFile, parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      const e = error as { line?: number; column?: number };
      problems.push({ path: file.path, kind: 'parse-error', reason: errorMessage(error), line: e.line, column: e.column });
      return undefined;
    }
  };

  for (const file of files) {
    switch (file.kind) {
      case 'dockerfile': {
        const df = attempt(file, () => parseDockerfile(file));
        if (df) dockerfiles.push(df);
        classified.push(file);
        break;
      }
      case 'dockerignore': {
        const di = attempt(file, () => parseDockerignore(file));
        if (di) dockerignores.push(di);
        classified.push(file);
        break;
      }
      case 'yaml':
      case 'kustomization': {
        const parsed = attempt(file, () => parseYaml(file));
        const kind = parsed && file.kind === 'yaml' ? yamlKind(file.path, parsed.documents) : file.kind;
        classified.push(kind === file.kind ? file : { ...file, kind });
        break;
      }
      default:
        classified.push(file);
    }
  }

  const project = makeProject({ root, files: classified, dockerfiles, dockerignores, deployments });
  return { project, problems };
}
