import { dirname } from '../../../src/model/project.ts';
import { isTruthy } from '../../../src/model/settings.ts';
import type { Setting } from '../../../src/model/settings-model.ts';
import { defineRule } from '../../../src/rule.ts';
import { checkProductionSettings } from '../_shared.ts';

/** CORS_ORIGIN, API_CORS_ORIGINS, CORS_ALLOWED_ORIGINS; config `cors.origin`, `cors.allowedOrigins`. */
const CORS_ORIGIN = /(?:^|_)CORS(?:_ALLOWED|_ALLOW)?_ORIGINS?$/;
/** Any origin list an app may read: the CORS ones and plain ALLOWED_ORIGINS. */
const ORIGIN_LIST = /(?:^|_)(?:CORS(?:_ALLOWED|_ALLOW)?_ORIGINS?|ALLOWED_ORIGINS?)$/;
/** ENABLE_CORS, API_ENABLE_CORS, CORS_ENABLED; config `cors: true`, `cors.enabled`. */
const CORS_SWITCH = /(?:^|_)(?:ENABLE_CORS|CORS_ENABLED)$|^CORS$/;

function allowsAnyOrigin(setting: Setting): boolean {
  const items = setting.value.split(/[\s,]+/).filter((v) => v !== '');
  // In the `cors` package, `origin: true` reflects whatever origin asks.
  return items.includes('*') || (setting.source === 'app-config' && setting.value === 'true');
}

export default defineRule({
  id: 'env/cors',
  title: 'Production does not allow cross-origin requests from any origin',
  category: 'security',
  severity: 'error',
  rationale:
    'A wildcard CORS origin (or CORS switched on with no origin list, which the `cors` middleware answers with `*`) lets any website read the API\'s responses from a visitor\'s browser. With credentials or tokens in local storage, that is a cross-site data leak; even without, it opens internal APIs to every page on the internet.',
  fix: 'List the origins that need access (`CORS_ORIGIN=https://app.example.com,https://admin.example.com`), or leave CORS off when the API is only called from its own origin or from servers.',
  appliesTo: ['env', 'app-config'],
  messages: {
    anyOrigin: (d: { key: string; file: string }) => `${d.key} in ${d.file} allows every origin: list the origins that need access instead`,
    noOriginList: (d: { key: string; file: string }) =>
      `${d.key} in ${d.file} enables CORS but no origin list is set, so the middleware allows every origin: set CORS_ORIGIN to the origins that need access`,
  },
  check({ project, subject }) {
    const packageOf = (file: string) => project.packageFor(dirname(file))?.dir ?? '';
    const listed = new Set(project.productionSettings.filter((s) => ORIGIN_LIST.test(s.name) && s.value.trim() !== '').map((s) => packageOf(s.file)));
    checkProductionSettings(
      project,
      subject,
      (s) => !s.isReference && (CORS_ORIGIN.test(s.name) || CORS_SWITCH.test(s.name)),
      (s, report) => {
        if (CORS_ORIGIN.test(s.name)) {
          if (allowsAnyOrigin(s)) report.report('anyOrigin', { key: s.key, file: s.file }, s.valueLoc);
        } else if (isTruthy(s.value) && !listed.has(packageOf(s.file))) report.report('noOriginList', { key: s.key, file: s.file }, s.valueLoc);
      },
    );
  },
});
