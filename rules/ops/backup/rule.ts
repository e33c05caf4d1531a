import { basename, type Project } from '../../../src/model/project.ts';
import { isFalsy } from '../../../src/model/settings.ts';
import { YamlFile, type YamlView } from '../../../src/parsers/yaml-view.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';

const BACKUP = /backup/i;
/** `DATA_DIR`, `STATE_DIR`, `ORCHESTRATOR_DATA_DIR`: where a service keeps its files. */
const STATE_DIR_KEY = /(?:^|_)(?:DATA|STATE)_DIR$/;
/** A compose named volume (`pgdata:/var/lib/postgresql/data`), not a bind mount (`./src:/app`, `/host:/x`, `~/x:/y`, `${PWD}:/z`). */
const NAMED_VOLUME = /^[A-Za-z0-9][\w.-]*$/;
/** The service backs itself up on a schedule: `BACKUP_INTERVAL=3600000`, `BACKUP_CRON`, `DB_BACKUP_ENABLED=true`. */
const BACKUP_SCHEDULE_KEY = /(?:^|_)BACKUP_(?:INTERVAL|SCHEDULE|CRON|ENABLED)(?:_|$)/;

interface State {
  what: string;
  loc: Loc;
}

/** A compose volume entry that keeps data: a named, writable volume that is not a node_modules cache. */
function keepsData(volume: YamlView): boolean {
  const short = volume.string;
  if (short !== undefined) {
    const [source = '', target = '', mode = ''] = short.split(':');
    return NAMED_VOLUME.test(source) && target !== '' && !/\bro\b/.test(mode) && basename(target.replace(/\/+$/, '')) !== 'node_modules';
  }
  const source = volume.get('source')?.string ?? '';
  const target = volume.get('target')?.string ?? '';
  return volume.get('type')?.string === 'volume' && NAMED_VOLUME.test(source) && volume.get('read_only')?.boolean !== true && basename(target) !== 'node_modules';
}

/** Persistent state in the repository: compose named volumes, PVCs and volumeClaimTemplates, production DATA_DIR/STATE_DIR settings. */
function persistentState(project: Project): State[] {
  const states: State[] = [];
  const productionCompose = new Set(project.compose.filter((c) => c.production).map((c) => c.file));
  for (const parsed of project.yamlFiles) {
    const roots = new YamlFile(parsed.file, parsed.documents).roots();
    if (parsed.file.kind === 'compose' && productionCompose.has(parsed.file.path)) {
      for (const root of roots) {
        for (const [name, service] of root.get('services')?.entries() ?? []) {
          const volumes = service.get('volumes');
          if (volumes?.items().some(keepsData)) states.push({ what: `compose service ${name}'s volumes`, loc: volumes.keyLoc });
        }
      }
    }
    if (parsed.file.kind === 'k8s') {
      for (const root of roots) {
        const kind = root.get('kind')?.string;
        const name = root.at('metadata', 'name');
        const label = `${kind} ${name?.string ?? '(unnamed)'}`;
        if (kind === 'PersistentVolumeClaim') states.push({ what: label, loc: name?.loc ?? root.loc });
        const templates = root.at('spec', 'volumeClaimTemplates');
        if (kind === 'StatefulSet' && templates) states.push({ what: `${label}'s volumeClaimTemplates`, loc: templates.keyLoc });
      }
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
    'A volume, a PersistentVolumeClaim or a data directory is state that outlives the container — and that a bad migration, a deleted namespace, a full disk or ransomware can destroy. Without a scheduled, scripted backup (and a tested restore), the first data-loss incident is also the last word on that data.',
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
