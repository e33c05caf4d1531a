import { startInspectorServer } from 'fortistate';

startInspectorServer(universe, {
  port: 3456,
  requireSessions: true,
  sessionSecret: 'f0rt1state-s3ss10n',
//               ^^^^^^^^^^^^^^^^^^^^ literal
  adminToken: 'adm_7f3a9c2e1d4b',
//            ^^^^^^^^^^^^^^^^^^ literal
});
