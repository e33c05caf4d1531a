/**
 * Annotations on the pull request through @actions/core (which escapes file names and messages).
 * GitHub shows only 10 annotations per level per step, so the most severe go first, findings on
 * added lines before others, and one notice says how many were left out.
 */
import * as core from '@actions/core';
import type { RunResult } from '../engine.ts';
import { type Annotation, type AnnotationLevel, annotatedFindings, annotationOf } from '../reporters/github.ts';
import { repositoryPath } from '../reporters/paths.ts';
import { plural } from '../reporters/summary.ts';
import { SEVERITIES } from '../types.ts';
import type { Scope } from './changes.ts';

/** Annotations GitHub shows per level (error, warning, notice) and step. */
export const PER_LEVEL = 10;

const SEND = { error: core.error, warning: core.warning, notice: core.notice };

export interface AnnotationPlan {
  annotations: Annotation[];
  /** In-scope findings left out by the cap (the notice about them is the last of `annotations`' notices). */
  omitted: number;
}

export type LevelCounts = Record<AnnotationLevel, number>;

/**
 * The annotations the action sends about the run rather than a finding (no diff to be had, no
 * comment posted), counted per level so the findings' annotations leave room for them.
 */
export class RunNotes {
  readonly sent: LevelCounts = { error: 0, warning: 0, notice: 0 };

  send(level: AnnotationLevel, message: string, properties?: core.AnnotationProperties): void {
    this.sent[level]++;
    SEND[level](message, properties);
  }
}

/**
 * The annotations to send, in order: errors, warnings, then notices; within a level, findings on
 * added lines first, then in report order (file, line). `reserved` annotations of a level are sent
 * besides these (the run's notes, the gate's reason), so the findings take only the rest of the
 * level's ten. When the cap leaves findings out, one notice says how many; it takes the place of the
 * last notice so it is always shown.
 */
export function planAnnotations(result: RunResult, scope: Scope, pathPrefix: string, listedIn: string, reserved: Partial<LevelCounts> = {}): AnnotationPlan {
  const inScope = annotatedFindings(result).filter((f) => scope.includes(f, repositoryPath(f.file, pathPrefix)));
  const levels = SEVERITIES.map((severity) => {
    const findings = inScope.filter((f) => f.severity === severity);
    const added = findings.filter((f) => scope.onAddedLines(f, repositoryPath(f.file, pathPrefix)));
    return [...added, ...findings.filter((f) => !added.includes(f))];
  });
  const [errors = [], warnings = [], infos = []] = levels;
  const room = (level: AnnotationLevel) => Math.max(0, PER_LEVEL - (reserved[level] ?? 0));
  const overflow = errors.length > room('error') || warnings.length > room('warning') || infos.length > room('notice');
  const kept = [errors.slice(0, room('error')), warnings.slice(0, room('warning')), infos.slice(0, Math.max(0, room('notice') - (overflow ? 1 : 0)))].flat();
  const annotations = kept.map((f) => annotationOf(f, result, pathPrefix));
  const omitted = inScope.length - kept.length;
  if (omitted > 0) {
    const message = `${plural(omitted, 'more finding')} not annotated: GitHub shows ${PER_LEVEL} annotations per level in a step, the most severe were sent first. ${listedIn} lists them all.`;
    // Before the findings' own notices, so it is among the ones GitHub shows.
    const firstNotice = annotations.findIndex((a) => a.level === 'notice');
    annotations.splice(firstNotice < 0 ? annotations.length : firstNotice, 0, { level: 'notice', message, properties: { title: 'shipready' } });
  }
  return { annotations, omitted };
}

export function sendAnnotations(plan: AnnotationPlan): void {
  for (const a of plan.annotations) SEND[a.level](a.message, a.properties);
}
