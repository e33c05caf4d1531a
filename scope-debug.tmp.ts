import { discover } from './src/discover.ts';
import { buildModel } from './src/model/build.ts';
import { loadConfig } from './src/config.ts';
import { rules } from './rules/index.ts';
const root = process.argv[2]!;
const config = await loadConfig(root, undefined, rules);
const d = await discover({ root, ignore: config.ignore });
const { project } = buildModel(root, d.files, config);
const what = process.argv[3] ?? 'dcp';
if (what.includes('d')) for (const df of project.dockerfiles) { const u = project.scope.image(df); console.log('DF', df.file, u.role, u.stages.map((s) => s.name ?? s.index).join(','), u.exclusion?.reason ?? ''); }
if (what.includes('c')) for (const c of project.compose) for (const s of c.services) { const u = project.scope.composeService(s); console.log('CS', c.file, s.name, u.ships ? 'ships' : 'no', u.role, u.stage?.name ?? '', u.exclusion?.reason ?? ''); }
if (what.includes('p')) for (const p of project.packages) { const u = project.scope.package(p); console.log('PK', p.file, u.ships ? 'ships' : 'no', u.role, u.exclusion?.reason ?? '', project.scope.servicePackages.includes(p) ? 'SERVICE' : ''); }
