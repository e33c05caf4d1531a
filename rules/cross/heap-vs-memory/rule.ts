import { containerRun } from '../../../src/model/links.ts';
import { spanWithin } from '../../../src/model/probes.ts';
import type { Deployment, Project } from '../../../src/model/project.ts';
import { parseComposeBytes, parseK8sQuantity } from '../../../src/model/quantities.ts';
import { containerCommand } from '../../../src/parsers/dockerfile.ts';
import type { LocatedWord } from '../../../src/parsers/shell.ts';
import { defineRule } from '../../../src/rule.ts';
import type { Loc } from '../../../src/types.ts';
import { limitRangesFor } from '../../k8s/_shared.ts';
import { at, runEnv } from '../_shared.ts';

/** Share of the container's memory the V8 old space may take: the rest is for buffers, stacks, code and native memory. */
const MAX_SHARE = 0.75;
const MIB = 2 ** 20;
const HEAP_FLAG = /--max[-_]old[-_]space[-_]size(?:=(\d+))?/;

interface HeapFlag {
  mib: number;
  loc: Loc;
  /** Where it is set, for messages: `the command line`, `NODE_OPTIONS`. */
  via: string;
}

/** The last `--max-old-space-size` among words (`=N`, or `N` as the next word), as node reads its arguments. */
function heapFlagIn(words: readonly LocatedWord[], via: string): HeapFlag | undefined {
  let found: HeapFlag | undefined;
  for (const [i, word] of words.entries()) {
    const m = HEAP_FLAG.exec(word.value);
    if (!m) continue;
    const next = words[i + 1];
    if (m[1] !== undefined) found = { mib: Number(m[1]), loc: spanWithin(word, m.index, m.index + m[0].length), via };
    else if (next && /^\d+$/.test(next.value)) found = { mib: Number(next.value), loc: word.loc, via };
  }
  return found;
}

/** The words the container starts with: the manifest's command/args where written, else the image's ENTRYPOINT/CMD. */
function commandWords(d: Deployment): LocatedWord[] {
  const stage = d.stage ?? d.dockerfile?.productionStage;
  const image = stage ? containerCommand(stage) : {};
  const imageEntrypoint = image.entrypoint?.words ?? [];
  const imageCmd = image.cmd?.words ?? [];
  const runner = d.runner;
  if (runner?.platform === 'kubernetes') {
    const { commandWords: command, argsWords: args } = runner.container;
    // A manifest `command` replaces ENTRYPOINT and drops the image's CMD.
    return [...(command.length > 0 ? command : imageEntrypoint), ...(args.length > 0 ? args : command.length > 0 ? [] : imageCmd)];
  }
  if (runner?.platform === 'compose') {
    const s = runner.service;
    const placed = (words: readonly string[], loc: Loc | undefined) => (loc ? words.map((value) => ({ value, loc })) : []);
    const entrypoint = s.entrypoint.length > 0 ? placed(s.entrypoint, s.entrypointLoc) : imageEntrypoint;
    return [...entrypoint, ...(s.command.length > 0 ? placed(s.command, s.commandLoc) : s.entrypoint.length > 0 ? [] : imageCmd)];
  }
  return [];
}

/** The heap size node starts with: a command-line flag wins over NODE_OPTIONS (the manifest's over the image's). */
function heapFlagOf(d: Deployment): HeapFlag | undefined {
  const onCommandLine = heapFlagIn(commandWords(d), 'on the command line');
  if (onCommandLine) return onCommandLine;
  const options = runEnv(d.dockerfile, d).get('NODE_OPTIONS');
  if (!options?.value) return undefined;
  return heapFlagIn([{ value: options.value, loc: options.loc }], 'in NODE_OPTIONS');
}

interface MemoryLimit {
  bytes: number;
  text: string;
  /** Where it is set, for messages: `resources.limits.memory at k8s/app.yaml:30`. */
  where: string;
}

function memoryLimitOf(project: Project, d: Deployment): MemoryLimit | undefined {
  const runner = d.runner;
  if (runner?.platform === 'kubernetes') {
    const c = runner.container;
    const own = c.resources.limits.memory;
    const bytes = own && parseK8sQuantity(own.value);
    if (own && bytes !== undefined) return { bytes, text: own.value, where: `resources.limits.memory at ${at(own.loc)}` };
    if (own) return undefined;
    for (const range of limitRangesFor(project, c.workload)) {
      const text = range.defaultLimits.memory;
      const fromRange = text === undefined ? undefined : parseK8sQuantity(text);
      if (text !== undefined && fromRange !== undefined) return { bytes: fromRange, text, where: `the default of LimitRange ${range.name} at ${at(range.loc)}` };
    }
    return undefined;
  }
  const memory = runner?.platform === 'compose' ? runner.service.limits.memory : undefined;
  const bytes = memory && parseComposeBytes(memory.value);
  return memory && bytes !== undefined ? { bytes, text: memory.value, where: at(memory.loc) } : undefined;
}

export default defineRule({
  id: 'cross/heap-vs-memory',
  title: 'The V8 heap limit leaves room under the container memory limit',
  category: 'reliability',
  severity: 'error',
  rationale:
    "`--max-old-space-size` only caps V8's old space: a Node process also needs memory for new space, code, stacks, Buffers and native modules. When the flag is close to (or above) the container's memory limit, V8 never feels pressure to collect garbage before the kernel's OOM killer ends the container with exit code 137, under load and without a JavaScript stack trace. The flag is set in one file (Dockerfile CMD, NODE_OPTIONS in an image or manifest) and the limit in another, so the two drift apart.",
  fix: 'Keep `--max-old-space-size` at or below about 75% of the memory limit of the container that runs it (e.g. 384 for `512Mi`), or raise the limit; change whichever one was sized by mistake.',
  appliesTo: ['dockerfile', 'k8s', 'compose', 'env'],
  messages: {
    heapTooLarge: (d: { flag: number; via: string; share: number; limit: string; who: string; where: string; max: number; needed: number }) =>
      `--max-old-space-size=${d.flag} ${d.via} lets the V8 heap take ${d.flag} MiB, ${d.share}% of the ${d.limit} memory limit of ${d.who} (${d.where}), leaving too little for the rest of the process before the OOM killer: lower it to ${d.max} or less, or raise the limit to at least ${d.needed}Mi`,
  },
  check({ project, subject }) {
    // Deployments, and the containers that run to completion (Jobs, CronJobs, init containers) under their own limits.
    const oneShot = project.k8s.workloads.filter((w) => project.scope.workloadShips(w)).flatMap((w) => [...w.initContainers, ...(w.longRunning ? [] : w.containers)]).map((c) => containerRun(c));
    for (const d of [...project.deployments, ...oneShot]) {
      const limit = memoryLimitOf(project, d);
      const flag = limit && heapFlagOf(d);
      if (!limit || !flag) continue;
      const report = subject(`${d.loc.file}#${d.name}`);
      const limitMib = limit.bytes / MIB;
      if (flag.mib <= limitMib * MAX_SHARE) continue;
      report.report(
        'heapTooLarge',
        {
          flag: flag.mib,
          via: flag.via,
          share: Math.round((flag.mib / limitMib) * 100),
          limit: limit.text,
          who: d.name,
          where: limit.where,
          max: Math.floor(limitMib * MAX_SHARE),
          needed: Math.ceil(flag.mib / MAX_SHARE),
        },
        flag.loc,
      );
    }
  },
});
