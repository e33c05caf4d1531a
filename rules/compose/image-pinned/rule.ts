import { isLiteralImage } from '../../../src/model/links.ts';
import { parseImageRef } from '../../../src/parsers/dockerfile.ts';
import { defineRule } from '../../../src/rule.ts';
import { productionServices, serviceId } from '../_shared.ts';

export default defineRule({
  id: 'compose/image-pinned',
  title: 'Every image has an explicit tag that is not latest',
  category: 'reliability',
  severity: 'warning',
  rationale:
    'An image without a tag means `:latest`, which is whatever was pushed last: `docker compose pull` on another day, or on another host, runs different code — a new major of postgres or redis included — and there is nothing to roll back to.',
  fix: 'Name a version (`postgres:16.4-alpine`, `ghcr.io/acme/api:1.4.2`) or pin a digest (`@sha256:…`). A service with `build:` names the image it builds, so its tag is not judged.',
  appliesTo: ['compose'],
  messages: {
    missing: (d: { service: string; image: string }) => `service ${d.service} runs ${d.image} without a tag, so it runs whatever :latest is when pulled: name a version`,
    latest: (d: { service: string; image: string }) => `service ${d.service} runs ${d.image}, a moving tag: name a version (or pin a digest)`,
  },
  check({ project, subject }) {
    for (const s of productionServices(project)) {
      const image = s.image;
      if (!image || s.build || !isLiteralImage(image.value)) continue;
      const report = subject(serviceId(s));
      const ref = parseImageRef(image.value.trim());
      if (ref.digest) continue;
      if (!ref.tag) report.report('missing', { service: s.name, image: image.value }, image.loc);
      else if (ref.tag === 'latest') report.report('latest', { service: s.name, image: image.value }, image.loc);
    }
  },
});
