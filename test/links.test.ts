import { describe, expect, it } from 'vitest';
import { modelOf } from './manifest-fixture.ts';

const DOCKERFILE = 'FROM node:22-alpine\nCMD ["node", "server.js"]\n';

function deployment(image: string, name = 'api'): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;
}

function linkedFile(files: Record<string, string>, config = {}, root?: string): { dockerfile: string | undefined; notices: string[] } {
  const { project, notices } = modelOf(files, config, root);
  const container = project.k8s.workloads[0]?.containers[0];
  return { dockerfile: container?.dockerfile?.file, notices: notices.map((n) => n.message) };
}

describe('images to Dockerfiles', () => {
  it('links a compose build directly, with no notice', () => {
    const { project, notices } = modelOf({
      'services/api/Dockerfile.prod': DOCKERFILE,
      'deploy/docker-compose.yml': 'services:\n  api:\n    build:\n      context: ../services/api\n      dockerfile: Dockerfile.prod\n',
    });
    expect(project.compose[0]?.services[0]?.dockerfile?.file).toBe('services/api/Dockerfile.prod');
    expect(notices).toEqual([]);
  });

  it('follows config `images` for Kubernetes', () => {
    const result = linkedFile({ 'docker/api.Dockerfile': DOCKERFILE, 'k8s/d.yaml': deployment('ghcr.io/acme/api:1.2.3') }, { images: { 'ghcr.io/acme/api': 'docker/api.Dockerfile' } });
    expect(result).toEqual({ dockerfile: 'docker/api.Dockerfile', notices: [] });
  });

  it('says when config `images` names a Dockerfile that is not there', () => {
    const result = linkedFile({ Dockerfile: DOCKERFILE, 'k8s/d.yaml': deployment('ghcr.io/acme/api:1.2.3') }, { images: { 'ghcr.io/acme/api': 'nope/Dockerfile' } });
    expect(result.dockerfile).toBeUndefined();
    expect(result.notices[0]).toContain('not a Dockerfile shipready found');
  });

  it('assumes a link by package name, and says so', () => {
    const result = linkedFile({
      'packages/api/package.json': '{"name": "@acme/api"}',
      'packages/api/Dockerfile': DOCKERFILE,
      'packages/api/Dockerfile.dev': DOCKERFILE,
      'packages/web/Dockerfile': DOCKERFILE,
      'k8s/d.yaml': deployment('registry.example.com/acme/api:1.2.3@sha256:abc'),
    });
    expect(result.dockerfile).toBe('packages/api/Dockerfile');
    expect(result.notices).toEqual([
      'assumed image registry.example.com/acme/api is built by packages/api/Dockerfile (its name matches folder packages/api and package @acme/api); map it under `images` in .shipready.yml if not',
    ]);
  });

  it('assumes a link by the folder holding the Dockerfile, the root folder included', () => {
    expect(linkedFile({ 'services/billing/Dockerfile': DOCKERFILE, 'k8s/d.yaml': deployment('acme/billing:2') }).dockerfile).toBe('services/billing/Dockerfile');
    expect(linkedFile({ Dockerfile: DOCKERFILE, 'k8s/d.yaml': deployment('somon-module-system:1.0.0') }, {}, '/src/somon-module-system').dockerfile).toBe('Dockerfile');
  });

  it('links nothing when the guess is ambiguous or the name matches nothing', () => {
    const ambiguous = linkedFile({ 'a/api/Dockerfile': DOCKERFILE, 'b/api/Dockerfile': DOCKERFILE, 'k8s/d.yaml': deployment('acme/api:1') });
    expect(ambiguous).toEqual({ dockerfile: undefined, notices: [] });
    expect(linkedFile({ 'api/Dockerfile': DOCKERFILE, 'k8s/d.yaml': deployment('postgres:16') }).dockerfile).toBeUndefined();
    expect(linkedFile({ 'api/Dockerfile': DOCKERFILE, 'k8s/d.yaml': deployment(`"\${REGISTRY}/api:\${TAG}"`) }).dockerfile).toBeUndefined();
  });

  it('links a compose image without build the same way', () => {
    const { project } = modelOf({ 'api/Dockerfile': DOCKERFILE, 'compose.yaml': 'services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n' });
    const [dockerfile] = project.dockerfiles;
    if (!dockerfile) throw new Error('no Dockerfile');
    expect(project.deploymentsOf(dockerfile).map((d) => d.name)).toEqual(['compose service api']);
  });
});
