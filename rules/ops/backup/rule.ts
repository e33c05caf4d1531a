import { basename, type Project } from '../../../src/model/project.ts';
import { isFalsy } from '../../../src/model/settings.ts';
import { isCacheImage, isWebServerImage } from '../../../src/model/images.ts';
import type { ComposeService, ComposeVolume } from '../../../src/parsers/compose.ts';
import { YamlFile } from '../../../src/parsers/yaml-view.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';

const BACKUP = /backup/i;
/** `DATA_DIR`, `STATE_DIR`, `ORCHESTRATOR_DATA_DIR`: where a service keeps its files. */
const STATE_DIR_KEY = /(?:^|_)(?:DATA|STATE)_DIR$/;
/** The service backs itself up on a schedule: `BACKUP_INTERVAL=3600000`, `BACKUP_CRON`, `DB_BACKUP_ENABLED=true`. */
const BACKUP_SCHEDULE_KEY = /(?:^|_)BACKUP_(?:INTERVAL|SCHEDULE|CRON|ENABLED)(?:_|$)/;

interface State {
  what: string;
  loc: Loc;
}

/** A name for what is downloaded or rebuilt again: a cache or temporary files (`model-cache`, `.next/cache`, `caddy_tmp`). */
const REBUILDABLE = /(?:^|[-_./])(?:cache|caches|tmp|temp)(?:$|[-_./])/i;

/** Search engines: what they hold is an index of data kept elsewhere, rebuilt by reindexing. */
const SEARCH_ENGINES = /(?:^|\/)(?:meilisearch|elasticsearch|opensearch|typesense|manticoresearch|zincsearch|sonic)(?::|@|$)/;

function isSearchIndex(s: { image?: { value: string } }): boolean {
  return SEARCH_ENGINES.test(s.image?.value ?? '');
}

/**
 * What a service keeps is rebuilt, not restored: a cache or queue broker that does not persist every write
 * (`--appendonly yes`), or a web server or proxy, whose volumes hold certificates issued again and its own config.
 */
function keepsOnlyRebuildable(s: ComposeService): boolean {
  const image = s.image?.value ?? '';
  if (s.build === undefined && isWebServerImage(image)) return true;
  if (s.build !== undefined || !isCacheImage(image) || /(?:^|\/)bitnami\//.test(image)) return false; // bitnami/redis persists by default
  // Told to persist: `--appendonly yes`, `--save 60 1`, a config file, or the same through the environment.
  const said = [...s.command, ...s.entrypoint, ...s.environment.flatMap((e) => [e.key, e.value ?? ''])].join(' ');
  return !/--appendonly[\s=]+yes|--appendfsync|--save\s+\d|redis\.conf|REDIS_ARGS|REDIS_AOF_ENABLED|APPENDONLY/i.test(said);
}

/** A compose volume that keeps data: a named, writable volume that is not node_modules, a cache or temporary files. */
function keepsData(volume: ComposeVolume): boolean {
  const target = (volume.target ?? '').replace(/\/+$/, '');
  if (REBUILDABLE.test(volume.source ?? '') || REBUILDABLE.test(target)) return false;
  return volume.type === 'volume' && volume.source !== undefined && !volume.readOnly && target !== '' && basename(target) !== 'node_modules';
}

/** Persistent state in what ships: compose named volumes, PVCs and volumeClaimTemplates, production DATA_DIR/STATE_DIR settings. */
function persistentState(project: Project): State[] {
  const states: State[] = [];
  for (const file of project.compose) {
    const keeping = file.services.filter((s) => s.volumes.some(keepsData) && project.scope.composeService(s).ships && !keepsOnlyRebuildable(s));
    for (const s of keeping) {
      // A search index (Meilisearch, Elasticsearch …) beside the store it indexes is rebuilt from that store: the store is what to back up.
      if (isSearchIndex(s) && keeping.some((o) => o !== s && !isSearchIndex(o))) continue;
      states.push({ what: `compose service ${s.name}'s volumes`, loc: s.volumesLoc ?? s.loc });
    }
  }
  for (const parsed of project.yamlFiles) {
    if (parsed.file.kind !== 'k8s' || !project.scope.ships(parsed.file.path)) continue;
    for (const root of new YamlFile(parsed.file, parsed.documents).roots()) {
      const kind = root.get('kind')?.string;
      const name = root.at('metadata', 'name');
      const label = `${kind} ${name?.string ?? '(unnamed)'}`;
      if (kind === 'PersistentVolumeClaim') states.push({ what: label, loc: name?.loc ?? root.loc });
      const templates = root.at('spec', 'volumeClaimTemplates');
      if (kind === 'StatefulSet' && templates) states.push({ what: `${label}'s volumeClaimTemplates`, loc: templates.keyLoc });
    }
  }
  for (const setting of project.productionSettings) {
    if (setting.source === 'env' && STATE_DIR_KEY.test(setting.name)) states.push({ what: `${setting.key} in ${setting.file}`, loc: setting.loc });
  }
  return states;
}

/**
 * A backup exists: a backup script, a package script, a CronJob, a compose service or a systemd unit named
 * (or running) for it, or production settings that schedule the service's own backups.
 */
function hasBackup(project: Project): boolean {
  const k8sJob = project.k8s.workloads.some(
    (w) => w.kind === 'CronJob' && (BACKUP.test(w.name) || w.containers.some((c) => [c.image?.value ?? '', ...c.command, ...c.args].some((s) => BACKUP.test(s)))),
  );
  const composeService = project.compose.some((c) => c.services.some((s) => BACKUP.test(s.name) || BACKUP.test(s.image?.value ?? '')));
  const script = project.files.some((f) => BACKUP.test(basename(f.path)) && (f.kind === 'shell' || /(?:^|\/)scripts\//.test(f.path)));
  const packageScript = project.packages.some((p) => Object.keys(p.scripts).some((name) => BACKUP.test(name)));
  const unit = project.systemdUnits.some((u) => BACKUP.test(basename(u.file)));
  const scheduledByApp = project.productionSettings.some((s) => BACKUP_SCHEDULE_KEY.test(s.name) && !isFalsy(s.value));
  return k8sJob || composeService || script || packageScript || unit || scheduledByApp;
}

export default defineRule({
  id: 'ops/backup',
  title: 'A service that keeps persistent state has a backup job',
  category: 'operations',
  severity: 'info',
  rationale:
    'A volume, a PersistentVolumeClaim or a data directory is state that outlives the container — and that a bad migration, a deleted namespace, a full disk or ransomware can destroy. Without a scheduled, scripted backup (and a tested restore), the first data-loss incident is also the last word on that data. What is rebuilt rather than restored is not asked for: caches and queue brokers that do not persist every write, a proxy\'s certificates, a search index beside its store.',
  fix: 'Add a backup that runs on a schedule: a `scripts/backup.sh` run by cron or a systemd timer, a Kubernetes CronJob, or a backup service in compose (e.g. an offen/docker-volume-backup container); keep copies off the host and test the restore.',
  appliesTo: ['compose', 'k8s', 'env', 'shell', 'package-json', 'systemd'],
  messages: {
    noBackup: (d: { what: string }) =>
      `${d.what} keeps persistent state but nothing in the repository backs it up: add a scheduled backup (scripts/backup.sh with a timer, a Kubernetes CronJob, or a backup service)`,
  },
  check({ project, subject }) {
    const states = persistentState(project);
    if (states.length === 0) return;
    const report = subject('.');
    if (hasBackup(project)) return;
    for (const state of states) report.report('noBackup', { what: state.what }, state.loc);
  },
});
