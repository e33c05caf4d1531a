/**
 * NODE_ENV as the server process of an image gets it: the image's ENV, unless the command the container runs
 * sets it for the server (`NODE_ENV=production node .` in the start script it runs, through `cd` into another
 * package), or the server sets it itself (`next start`, Next.js standalone `server.js`, `remix-serve`).
 */
import { copyOf, type Dockerfile, effectiveInstructions, type Stage } from '../parsers/dockerfile.ts';
import type { PackageJson } from '../parsers/package-json.ts';
import { containerCalls, type ProgramCall } from './commands.ts';
import { commandsReachedFromImage, packageCommand, startsServer } from './package-commands.ts';
import { dirname } from './project.ts';
import { envAt } from './stage-state.ts';

/** How to find the package an image runs, and the packages a script `cd`s into. */
export interface Packages {
  packageFor(dir: string): PackageJson | undefined;
  readonly packages: readonly PackageJson[];
}

/** Servers that set NODE_ENV=production themselves: `next start`, `remix-serve`, `react-router-serve`. */
function setsProductionItself(argv: readonly string[]): boolean {
  const command = packageCommand(argv);
  if (command?.type !== 'program') return false;
  const [program, sub] = command.argv;
  return (program === 'next' && sub === 'start') || program === 'remix-serve' || program === 'react-router-serve';
}

function startsServerCommand(argv: readonly string[]): boolean {
  const command = packageCommand(argv);
  return command !== undefined && startsServer(command);
}

/** Next.js's standalone output: its generated `server.js` sets NODE_ENV=production before it loads the app. */
function copiesNextStandalone(stage: Stage): boolean {
  return effectiveInstructions(stage).some((ins) => copyOf(ins)?.sources.some((w) => /(?:^|\/)\.next\/standalone(?:\/.*)?$/.test(w.value)) === true);
}

/** True when what the container runs gives the server NODE_ENV=production, whatever the image's ENV says. */
export function serverRunsProduction(dockerfile: Dockerfile, stage: Stage, packages: Packages): boolean {
  if (copiesNextStandalone(stage)) return true;
  const pkg = packages.packageFor(dirname(dockerfile.file));
  const setForServer = (call: ProgramCall) =>
    call.assignments.get('NODE_ENV') === 'production' ||
    commandsReachedFromImage(call.program.map((w) => w.value), pkg, packages, call.assignments).some(
      (c) => (c.env.get('NODE_ENV') === 'production' && startsServerCommand(c.argv)) || setsProductionItself(c.argv),
    );
  return containerCalls(stage).some(setForServer);
}

/** NODE_ENV as the image's server process gets it (undefined: not set, or no Dockerfile; null: from a build argument). */
export function imageNodeEnv(packages: Packages, dockerfile: Dockerfile | undefined, stage: Stage | undefined = dockerfile?.productionStage): string | null | undefined {
  if (!dockerfile || !stage) return undefined;
  if (serverRunsProduction(dockerfile, stage, packages)) return 'production';
  return envAt(dockerfile, stage).get('NODE_ENV')?.value;
}
