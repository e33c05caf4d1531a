import { isLiteralImage } from '../../../src/model/links.ts';
import { parseImageRef } from '../../../src/parsers/dockerfile.ts';
import { containerId, describeContainer } from '../../../src/parsers/k8s.ts';
import { defineRule } from '../../../src/rule.ts';
import { allContainers } from '../_shared.ts';

export default defineRule({
  id: 'k8s/image-tag',
  title: 'Every container image has an explicit tag that is not latest',
  category: 'reliability',
  severity: 'error',
  rationale:
    'An image without a tag means `:latest`, and `:latest` is whatever was pushed last: two pods of one Deployment can run different code, a node that re-pulls after a restart silently upgrades, and a rollback re-deploys the same moving tag. Kubernetes also defaults `imagePullPolicy` to Always for it, so every pod start depends on the registry.',
  fix: 'Deploy an immutable tag (a version or the commit SHA, e.g. `api:1.4.2` or `api:3f9c2e1`) or pin a digest (`api@sha256:…`); with kustomize, set it under `images:` with `newTag`/`digest`.',
  appliesTo: ['k8s', 'kustomization'],
  messages: {
    missing: (d: { container: string; image: string }) =>
      `the image ${d.image} of ${d.container} has no tag, so it runs whatever :latest is at pull time: deploy a version or commit tag (or a digest)`,
    latest: (d: { container: string; image: string }) =>
      `${d.container} runs ${d.image}, a moving tag: deploy a version or commit tag (or a digest) so every pod and every rollback runs the same build`,
  },
  check({ project, subject }) {
    for (const c of allContainers(project)) {
      const image = c.image;
      if (!image || !isLiteralImage(image.value)) continue;
      const report = subject(containerId(c));
      const ref = parseImageRef(image.value.trim());
      if (ref.digest) continue;
      const repo = image.value.trim().replace(/[@:][^/]*$/, '');
      // kustomize's `images:` retags it, or skaffold builds it and sets the tag when it deploys.
      const overridden = project.k8s.kustomizations.some((k) => k.images.some((i) => (i.name === repo || parseImageRef(i.name).name === ref.name) && (i.newTag || i.digest)));
      const builtBySkaffold = project.k8s.skaffoldImages.some((name) => name === repo || parseImageRef(name).name === ref.name);
      if (overridden || builtBySkaffold) continue;
      if (!ref.tag) report.report('missing', { container: describeContainer(c), image: image.value }, image.loc);
      else if (ref.tag === 'latest') report.report('latest', { container: describeContainer(c), image: image.value }, image.loc);
    }
  },
});
