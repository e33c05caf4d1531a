// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text is full of ${VARIABLE} references
import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { containerCalls, healthcheckTest, programCall, runCalls } from '../src/model/commands.ts';
import { envAt, fileSources, runEnvAt, workdirAt } from '../src/model/stage-state.ts';
import {
  containerCommand,
  copyOf,
  type DockerInstruction,
  effectiveInstructions,
  imageTagLoc,
  lineage,
  pairs,
  parseDockerfile,
  parseImageRef,
  rootBase,
  shellCommands,
  stageByRef,
} from '../src/parsers/dockerfile.ts';
import { invocation, isShellProgram, lastCommand, locatedCommands, mapText, parseShell } from '../src/parsers/shell.ts';
import type { Loc } from '../src/types.ts';

const parse = (text: string, path = 'Dockerfile') => parseDockerfile(makeSourceFile(path, 'dockerfile', text));
const at = (loc: Loc | null | undefined) => (loc ? `${loc.line}:${loc.column}-${loc.endLine}:${loc.endColumn}` : null);
const only = (text: string, keyword: string): DockerInstruction => {
  const df = parse(text);
  const ins = df.stages.flatMap((s) => s.instructions).find((i) => i.keyword === keyword);
  if (!ins) throw new Error(`no ${keyword}`);
  return ins;
};

describe('stages', () => {
  it('splits stages, names them and marks the last as final', () => {
    const df = parse('FROM node:22 AS build\nRUN npm ci\nFROM node:22-alpine\nCOPY --from=build /app /app\n');
    expect(df.stages.map((s) => [s.index, s.name])).toEqual([
      [0, 'build'],
      [1, undefined],
    ]);
    expect(df.finalStage).toBe(df.stages[1]);
    expect(df.stages[0]?.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN']);
  });

  it('resolves FROM <stage name> (any case) to the earlier stage, and builds the lineage', () => {
    const df = parse('FROM node:22-alpine AS Base\nENV A=1\nFROM base AS app\nENV B=2\nFROM app\nCMD ["node"]\n');
    const [base, app, last] = df.stages;
    expect(app?.base).toEqual({ type: 'stage', stage: base });
    expect(last?.base).toEqual({ type: 'stage', stage: app });
    expect(lineage(last!).map((s) => s.index)).toEqual([0, 1, 2]);
    expect(rootBase(last!)).toMatchObject({ type: 'image', ref: { name: 'node', tag: '22-alpine' } });
    expect(effectiveInstructions(last!, 'ENV')).toHaveLength(2);
    expect([...envAt(df, last!).keys()]).toEqual(['A', 'B']);
  });

  it('does not treat FROM <index> as a stage (only COPY --from takes an index)', () => {
    const df = parse('FROM node:22 AS build\nFROM 0\n');
    expect(df.stages[1]?.base.type).toBe('image');
  });

  it('finds stages by name or index for COPY --from', () => {
    const df = parse('FROM node:22 AS Build\nFROM node:22-alpine\nCOPY --from=0 /a /a\n');
    expect(stageByRef(df, 'build')).toBe(df.stages[0]);
    expect(stageByRef(df, '0')).toBe(df.stages[0]);
    expect(stageByRef(df, 'node:22')).toBeUndefined();
    expect(stageByRef(df, '7')).toBeUndefined();
  });

  it('knows scratch and unresolvable image variables', () => {
    const df = parse('ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nFROM scratch\n');
    expect(df.stages[0]?.base).toEqual({ type: 'variable', raw: '${BASE_IMAGE}' });
    expect(df.stages[1]?.base).toEqual({ type: 'scratch' });
  });

  it('substitutes global ARG defaults in FROM and keeps the text as written', () => {
    const df = parse('ARG NODE_VERSION=22\nARG VARIANT\nFROM node:${NODE_VERSION}-alpine\nFROM node:${NODE_MAJOR:-20}${VARIANT:+-alpine}\n');
    expect(df.globalArgs.map((a) => [a.key, a.value])).toEqual([
      ['NODE_VERSION', '22'],
      ['VARIANT', null],
    ]);
    expect(df.stages[0]?.fromImageText).toBe('node:${NODE_VERSION}-alpine');
    expect(df.stages[0]?.base).toMatchObject({ type: 'image', ref: { name: 'node', tag: '22-alpine' } });
    expect(df.stages[1]?.base).toMatchObject({ type: 'image', ref: { tag: '20' } });
  });

  it('reads FROM --platform and locates the image after the flag', () => {
    const df = parse('FROM --platform=$BUILDPLATFORM node:22 AS build\n');
    expect(df.stages[0]?.from.flags.map((f) => f.name)).toEqual(['platform']);
    expect(at(df.stages[0]?.fromImageLoc)).toBe('1:32-1:39');
  });

  it('collects instructions before the first FROM', () => {
    const df = parse('ARG X=1\nRUN echo\nFROM node:22\n');
    expect(df.orphanInstructions.map((i) => i.keyword)).toEqual(['RUN']);
  });
});

describe('image references', () => {
  it('splits registry, name, tag and digest', () => {
    expect(parseImageRef('docker.io/library/node:22-alpine@sha256:abc')).toEqual({
      raw: 'docker.io/library/node:22-alpine@sha256:abc',
      registry: 'docker.io',
      name: 'node',
      tag: '22-alpine',
      digest: 'sha256:abc',
    });
    expect(parseImageRef('localhost:5000/team/api')).toMatchObject({ registry: 'localhost:5000', name: 'team/api', tag: undefined });
    expect(parseImageRef('gcr.io/distroless/nodejs22-debian12:nonroot')).toMatchObject({ name: 'distroless/nodejs22-debian12', tag: 'nonroot' });
  });

  it('locates the tag inside the image reference', () => {
    const df = parse('FROM node:18-alpine AS a\nFROM docker.io/library/node:20@sha256:abc\nFROM node\nFROM node:${V}\n');
    expect(df.stages.map((s) => at(imageTagLoc(s)))).toEqual(['1:11-1:20', '2:29-2:31', '3:6-3:10', '4:6-4:15']);
  });
});

describe('word locations (1-based, end exclusive)', () => {
  it('locates keyword, arguments and exec-form strings (quotes included)', () => {
    const cmd = only('FROM node:22\nCMD ["node", "server.js"]\n', 'CMD');
    expect(at(cmd.keywordLoc)).toBe('2:1-2:4');
    expect(at(cmd.argsLoc)).toBe('2:5-2:26');
    expect(cmd.exec).toEqual(['node', 'server.js']);
    expect(cmd.words.map((w) => `${w.value}@${at(w.loc)}`)).toEqual(['node@2:6-2:12', 'server.js@2:14-2:25']);
  });

  it('locates shell-form words', () => {
    const cmd = only('FROM node:22\nCMD node  server.js --port 3000\n', 'CMD');
    expect(cmd.exec).toBeNull();
    expect(cmd.words.map((w) => `${w.value}@${at(w.loc)}`)).toEqual(['node@2:5-2:9', 'server.js@2:11-2:20', '--port@2:21-2:27', '3000@2:28-2:32']);
  });

  it('follows line continuations', () => {
    const cmd = only('FROM node:22\nCMD ["node", \\\n    "server.js"]\n', 'CMD');
    expect(cmd.exec).toEqual(['node', 'server.js']);
    expect(at(cmd.words[1]?.loc)).toBe('3:5-3:16');
    const shell = only('FROM node:22\nCMD node \\\n  server.js\n', 'CMD');
    expect(shellCommands(shell).map((c) => c.words.map((w) => `${w.value}@${at(w.loc)}`))).toEqual([['node@2:5-2:9', 'server.js@3:3-3:12']]);
  });
});

describe('exec form versus shell form', () => {
  it('is exec form only when the arguments parse as a JSON array of strings', () => {
    expect(only('FROM x\nCMD ["node", "-e", "console.log(\\"hi\\")"]\n', 'CMD').exec).toEqual(['node', '-e', 'console.log("hi")']);
    expect(only('FROM x\nCMD []\n', 'CMD').exec).toEqual([]);
    expect(only("FROM x\nCMD ['node', 'server.js']\n", 'CMD').exec).toBeNull();
    expect(only('FROM x\nCMD ["node" "server.js"]\n', 'CMD').exec).toBeNull();
    expect(only('FROM x\nCMD [node, server.js]\n', 'CMD').exec).toBeNull();
    expect(only('FROM x\nENTRYPOINT exec node server.js\n', 'ENTRYPOINT').exec).toBeNull();
  });

  it('reads quoted shell words with their positions', () => {
    const cmd = only(`FROM x\nCMD node -e "require('http')" && exec node "my server.js"\n`, 'CMD');
    const commands = shellCommands(cmd);
    expect(commands.map((c) => [c.words.map((w) => w.value), c.terminator])).toEqual([
      [['node', '-e', "require('http')"], '&&'],
      [['exec', 'node', 'my server.js'], ''],
    ]);
    expect(at(commands[1]?.words[2]?.loc)).toBe('2:44-2:58');
    expect(at(commands[0]?.loc)).toBe('2:5-2:30');
  });
});

describe('flags', () => {
  it('separates RUN --mount and COPY --from from the arguments', () => {
    const df = parse('FROM node:22 AS build\nRUN --mount=type=cache,target=/root/.npm npm ci\nFROM node:22-alpine\nCOPY --from=build --chown=node:node /app /app\n');
    const run = df.stages[0]?.instructions[1];
    expect(run?.flags.map((f) => [f.name, f.value, at(f.loc)])).toEqual([['mount', 'type=cache,target=/root/.npm', '2:5-2:41']]);
    expect(run?.words.map((w) => w.value)).toEqual(['npm', 'ci']);
    expect(shellCommands(run!).map((c) => [c.words.map((w) => w.value), at(c.loc)])).toEqual([[['npm', 'ci'], '2:42-2:48']]);
    const copy = df.stages[1]?.instructions[1];
    expect(copy?.flags.map((f) => [f.name, f.value])).toEqual([
      ['from', 'build'],
      ['chown', 'node:node'],
    ]);
    expect(copy?.words.map((w) => w.value)).toEqual(['/app', '/app']);
  });

  it('keeps exec form after flags', () => {
    const run = only('FROM x\nRUN --mount=type=secret,id=npm ["npm", "ci"]\n', 'RUN');
    expect(run.exec).toEqual(['npm', 'ci']);
    expect(runCalls(run).map((c) => c.program.map((w) => `${w.value}@${at(w.loc)}`))).toEqual([['npm@2:33-2:38', 'ci@2:40-2:44']]);
  });
});

describe('ENV and ARG pairs', () => {
  it('reads every form with key and value locations', () => {
    const df = parse('FROM x\nENV A=1 B="two words" C=\nENV KEY value with spaces\nARG NPM_TOKEN\nARG FOO=bar\n');
    const kvs = df.stages[0]!.instructions.flatMap(pairs);
    expect(kvs.map((p) => [p.key, p.value, at(p.keyLoc), at(p.valueLoc)])).toEqual([
      ['A', '1', '2:5-2:6', '2:7-2:8'],
      ['B', 'two words', '2:9-2:10', '2:11-2:22'],
      ['C', '', '2:23-2:24', '2:25-2:25'],
      ['KEY', 'value with spaces', '3:5-3:8', '3:9-3:26'],
      ['NPM_TOKEN', null, '4:5-4:14', null],
      ['FOO', 'bar', '5:5-5:8', '5:9-5:12'],
    ]);
  });
});

describe('heredocs', () => {
  const text = 'FROM node:22\nRUN <<EOF\nset -e\nnpm ci --omit=dev\nEOF\nRUN <<-"EOT" bash\n\techo hi\nEOT\nRUN python3 <<EOF\nimport os\nEOF\nCOPY <<EOF /app/start.sh\n#!/bin/sh\nCMD npm start\nEOF\nCMD ["node", "server.js"]\n';
  const df = parse(text);
  const [, run1, run2, run3, copy, cmd] = df.stages[0]!.instructions;

  it('keeps heredoc bodies out of the instruction list', () => {
    expect(df.stages[0]?.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'RUN', 'RUN', 'COPY', 'CMD']);
    expect(cmd?.exec).toEqual(['node', 'server.js']);
  });

  it('reads bodies with their location', () => {
    expect(run1?.heredocs.map((h) => [h.name, h.body, at(h.loc)])).toEqual([['EOF', 'set -e\nnpm ci --omit=dev', '3:1-4:18']]);
    expect(copy?.heredocs[0]?.body).toBe('#!/bin/sh\nCMD npm start');
    expect(copy?.words.map((w) => w.value)).toEqual(['<<EOF', '/app/start.sh']);
  });

  it('runs bodies that the shell runs, not input read by a program', () => {
    expect(shellCommands(run1!).map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['set -e', 'npm ci --omit=dev']);
    expect(shellCommands(run1!).map((c) => at(c.loc))).toEqual(['3:1-3:7', '4:1-4:18']);
    expect(shellCommands(run2!).map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['echo hi']);
    expect(at(shellCommands(run2!)[0]?.loc)).toBe('7:2-7:9');
    expect(shellCommands(run3!).map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['python3']);
  });
});

describe('escape directive, CRLF and BOM', () => {
  it('honours # escape=`', () => {
    const df = parse('# escape=`\nFROM node:22\nRUN echo a `\n  && npm ci\nCMD ["node", `\n  "server.js"]\n');
    expect(df.escape).toBe('`');
    const [, run, cmd] = df.stages[0]!.instructions;
    expect(shellCommands(run!).map((c) => c.words.map((w) => w.value).join(' '))).toEqual(['echo a', 'npm ci']);
    expect(cmd?.exec).toEqual(['node', 'server.js']);
    expect(at(cmd?.words[1]?.loc)).toBe('6:3-6:14');
  });

  it('reads CRLF files with the same positions', () => {
    const df = parse('FROM node:22\r\nENV SECRET_KEY=abc123 \\\r\n  TOKEN=xyz\r\nCMD node \\\r\n  server.js\r\n');
    const [, env, cmd] = df.stages[0]!.instructions;
    expect(pairs(env!).map((p) => [p.key, p.value, at(p.valueLoc)])).toEqual([
      ['SECRET_KEY', 'abc123', '2:16-2:22'],
      ['TOKEN', 'xyz', '3:9-3:12'],
    ]);
    expect(shellCommands(cmd!).flatMap((c) => c.words.map((w) => `${w.value}@${at(w.loc)}`))).toEqual(['node@4:5-4:9', 'server.js@5:3-5:12']);
  });

  it('ignores a UTF-8 BOM, whether the source file dropped it or not', () => {
    const viaSource = parse('\uFEFFFROM node:22\n');
    expect(at(viaSource.stages[0]?.fromImageLoc)).toBe('1:6-1:13');
    const raw = parseDockerfile({ path: 'Dockerfile', kind: 'dockerfile', text: '\uFEFFFROM node:22\n', lines: ['FROM node:22', ''], comment: '#' });
    expect(at(raw.stages[0]?.fromImageLoc)).toBe('1:6-1:13');
  });
});

describe('what the container runs', () => {
  it('takes the last CMD and ENTRYPOINT of the lineage', () => {
    const df = parse('FROM node:22 AS base\nCMD ["node", "a.js"]\nFROM base\nCMD ["node", "b.js"]\n');
    expect(containerCommand(df.finalStage!).cmd?.exec).toEqual(['node', 'b.js']);
  });

  it('clears a CMD inherited from an earlier stage when a later stage sets ENTRYPOINT', () => {
    const df = parse('FROM node:22 AS base\nCMD ["node", "a.js"]\nFROM base\nENTRYPOINT ["tini", "--"]\n');
    expect(containerCommand(df.finalStage!)).toEqual({ entrypoint: df.finalStage!.instructions[1], cmd: undefined });
  });

  it('keeps a CMD set in the same stage before ENTRYPOINT', () => {
    const df = parse('FROM node:22\nCMD ["server.js"]\nENTRYPOINT ["node"]\n');
    expect(containerCommand(df.finalStage!).cmd?.exec).toEqual(['server.js']);
  });

  it('ignores build stages', () => {
    const df = parse('FROM node:22 AS build\nCMD npm start\nFROM node:22-alpine\n');
    expect(containerCommand(df.finalStage!)).toEqual({ entrypoint: undefined, cmd: undefined });
  });
});

describe('files in the image', () => {
  const df = parse(
    [
      'FROM node:22 AS build',
      'WORKDIR /src',
      'COPY scripts/ ./scripts/',
      'FROM node:22-alpine',
      'WORKDIR /app',
      'COPY docker/entrypoint.sh /usr/local/bin/',
      'COPY --from=build /src/scripts/start.sh ./start.sh',
      'COPY . .',
      'COPY <<EOF /usr/local/bin/run.sh',
      'exec node server.js',
      'EOF',
      'COPY --from=nginx:1 /etc/nginx/nginx.conf /etc/nginx/',
      'WORKDIR server',
      '',
    ].join('\n'),
  );
  const final = df.finalStage!;
  const sources = (path: string) => fileSources(df, final, path).map((s) => (s.type === 'context' ? s.path : `heredoc:${s.heredoc.name}`));

  it('tracks WORKDIR', () => {
    expect(workdirAt(df, final)).toBe('/app/server');
  });

  it('maps an image path to candidate context paths, the latest COPY first', () => {
    // Whether a source is a file or a directory is the context's business: both readings are candidates.
    expect(sources('/usr/local/bin/entrypoint.sh')).toEqual(['docker/entrypoint.sh', 'docker/entrypoint.sh/entrypoint.sh']);
    expect(sources('/app/start.sh')).toEqual(['start.sh', 'scripts/start.sh']);
    expect(sources('/app/lib/x.js')).toEqual(['lib/x.js']);
    expect(sources('/usr/local/bin/run.sh')[0]).toBe('heredoc:EOF');
    expect(sources('/etc/nginx/nginx.conf')).toEqual([]);
  });
});

describe('shell reader', () => {
  it('places words of a script, CRLF included', () => {
    const commands = locatedCommands(mapText('start.sh', '#!/bin/sh\r\nset -e\r\nexec node "dist/server.js"\r\n'));
    expect(commands.map((c) => [c.words.map((w) => w.value), at(c.loc)])).toEqual([
      [['set', '-e'], '2:1-2:7'],
      [['exec', 'node', 'dist/server.js'], '3:1-3:27'],
    ]);
  });

  it('finds the program a command runs and whether it is exec', () => {
    const words = (text: string) => parseShell(text)[0]!.words;
    expect(invocation(words('NODE_ENV=production exec node server.js'))).toMatchObject({ exec: true, argv: [{ value: 'node' }, { value: 'server.js' }] });
    expect(invocation(words('then node server.js'))).toMatchObject({ exec: false, argv: [{ value: 'node' }, { value: 'server.js' }] });
  });

  it('skips closing reserved words to find the last command', () => {
    const commands = parseShell('if [ -n "$X" ]; then\n  node migrate.js\nfi\nexec "$@"\n');
    expect(lastCommand(commands)?.words.map((w) => w.value)).toEqual(['exec', '$@']);
    expect(lastCommand(parseShell('node a.js\nfi\n'))?.words.map((w) => w.value)).toEqual(['node', 'a.js']);
  });

  it('reads redirections as redirections, not words or command separators', () => {
    const argv = (text: string) => parseShell(text).map((c) => c.words.map((w) => w.value));
    expect(argv('exec node server.js 2>&1')).toEqual([['exec', 'node', 'server.js']]);
    expect(argv('echo starting >&2; exec node a.js')).toEqual([['echo', 'starting'], ['exec', 'node', 'a.js']]);
    expect(argv('node a.js &> /var/log/app.log')).toEqual([['node', 'a.js']]);
    expect(argv('node a.js >> out.log 2>err.log < in.txt')).toEqual([['node', 'a.js']]);
    expect(argv('node a.js 2> "/tmp/my log" && echo ok')).toEqual([['node', 'a.js'], ['echo', 'ok']]);
    expect(argv('npm start | tee out.log')).toEqual([['npm', 'start'], ['tee', 'out.log']]);
    expect(parseShell('node a.js 2>&1 | tee x')[0]?.terminator).toBe('|');
  });

  it('keeps command substitutions inside their word, and skips here-document bodies', () => {
    const argv = (text: string) => parseShell(text).map((c) => c.words.map((w) => w.value));
    expect(argv('VERSION=$(node -p "require(\'./package.json\').version") && exec node dist/$(basename $X).js')).toEqual([
      ["VERSION=$(node -p \"require('./package.json').version\")"],
      ['exec', 'node', 'dist/$(basename $X).js'],
    ]);
    expect(argv('echo "now: $(date +%s; echo ")")" `hostname`')).toEqual([['echo', 'now: $(date +%s; echo ")")', '`hostname`']]);
    expect(argv('echo ${VAR:-a;b} $((1 + (2)))')).toEqual([['echo', '${VAR:-a;b}', '$((1 + (2)))']]);
    expect(argv('cat <<EOF > config.json\n{ "a": 1 }; rm -rf /\nEOF\nexec node a.js\n')).toEqual([['cat'], ['exec', 'node', 'a.js']]);
    expect(argv("cat <<-'END'\n\tnot; a command\n\tEND\nnode b.js\n")).toEqual([['cat'], ['node', 'b.js']]);
    expect(argv('diff <(sort a) <(sort b)')).toEqual([['diff', '<(sort a)', '<(sort b)']]);
  });

  it('ends on unclosed constructs without hanging', () => {
    for (const text of ['echo $(', 'echo `x', 'echo ${', 'cat <<EOF\nno end', 'echo "$(echo "', `echo ${'$('.repeat(10_000)}`]) {
      const start = performance.now();
      expect(() => parseShell(text)).not.toThrow();
      expect(performance.now() - start).toBeLessThan(2000);
    }
  });

  it('knows shells by name or path', () => {
    expect(['sh', '/bin/bash', 'ash', 'node', 'shx'].map(isShellProgram)).toEqual([true, true, true, false, false]);
  });
});

describe('the production stage', () => {
  const production = (text: string, path = 'Dockerfile') => parse(text, path).productionStage?.name ?? null;

  it('is the final stage', () => {
    expect(production('FROM node:22 AS build\nFROM node:22-alpine AS app\n')).toBe('app');
  });

  it('is the last production-named stage when a development or test stage comes last', () => {
    expect(production('FROM node:22 AS base\nFROM base AS production\nFROM base AS development\n')).toBe('production');
    expect(production('FROM node:22 AS runtime\nFROM runtime AS test\n')).toBe('runtime');
    expect(production('FROM node:22 AS base\nFROM base AS dev\n')).toBeNull();
  });

  it('does not depend on the file name: whether a Dockerfile.dev ships is the scope model\'s question', () => {
    for (const path of ['Dockerfile.dev', 'api.dev.Dockerfile', '.devcontainer/Dockerfile', 'services/devices/Dockerfile']) expect(parse('FROM node:22\n', path).productionStage).toBeDefined();
  });
});

describe('lowercase instructions', () => {
  it('reads keywords, stage names and commands in any case', () => {
    const df = parse('from node:22 as build\nrun npm ci\nfrom build\ncmd ["node", "server.js"]\n');
    expect(df.stages[1]?.base).toEqual({ type: 'stage', stage: df.stages[0] });
    expect(df.stages[0]?.instructions[1]?.keyword).toBe('RUN');
    expect(containerCommand(df.finalStage!).cmd?.exec).toEqual(['node', 'server.js']);
  });
});

describe('COPY and ADD', () => {
  it('splits sources, destination and --from', () => {
    const df = parse('FROM node:22\nCOPY --from=build --chown=node a b /app/\nCOPY --from=busybox:1.36 /bin/wget /usr/bin/\nADD ["my file", "/srv/"]\nRUN true\n');
    const [, copy, external, add, run] = df.stages[0]!.instructions;
    expect(copyOf(copy!)).toMatchObject({ from: { value: 'build' }, sources: [{ value: 'a' }, { value: 'b' }], destination: { value: '/app/' } });
    expect(copyOf(external!)?.from?.value).toBe('busybox:1.36');
    expect(at(copyOf(add!)?.sources[0]?.loc)).toBe('4:6-4:15');
    expect(copyOf(run!)).toBeUndefined();
  });
});

describe('SHELL', () => {
  it('reads shell-form commands under a POSIX shell, and none under powershell', () => {
    const df = parse('FROM node:22 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN npm ci | tee log\nFROM base\nRUN npm ci\nSHELL ["powershell", "-Command"]\nRUN npm ci\n');
    const [first, second] = df.stages;
    expect(shellCommands(first!.instructions[2]!).map((c) => c.words[0]?.value)).toEqual(['npm', 'tee']);
    expect(shellCommands(second!.instructions[1]!)).toHaveLength(1); // bash is inherited from the parent stage
    expect(shellCommands(second!.instructions[3]!)).toEqual([]);
  });
});

describe('HEALTHCHECK', () => {
  it('reads the exec form after CMD with exact positions', () => {
    const ins = only('FROM x\nHEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/health"]\n', 'HEALTHCHECK');
    expect(ins.exec).toEqual(['curl', '-f', 'http://localhost/health']);
    expect(ins.words.map((w) => `${w.value}@${at(w.loc)}`)).toEqual(['CMD@2:28-2:31', 'curl@2:33-2:39', '-f@2:41-2:45', 'http://localhost/health@2:47-2:72']);
    const test = healthcheckTest(ins);
    expect(test).toMatchObject({ form: 'exec', needsShell: false });
  });

  it('reads the shell form after CMD, and a `sh -c` script in exec form', () => {
    const shell = healthcheckTest(only('FROM x\nHEALTHCHECK CMD wget -qO- http://localhost || exit 1\n', 'HEALTHCHECK'));
    expect(shell?.form === 'shell' && shell.calls.map((c) => `${c.program[0]?.value}@${at(c.program[0]?.loc)}`)).toEqual(['wget@2:17-2:21', 'exit@2:47-2:51']);
    const viaSh = healthcheckTest(only('FROM x\nHEALTHCHECK CMD ["sh", "-c", "curl -f localhost"]\n', 'HEALTHCHECK'));
    expect(viaSh?.form === 'exec' && [viaSh.needsShell, viaSh.calls.map((c) => `${c.program[0]?.value}@${at(c.program[0]?.loc)}`)]).toEqual([true, ['sh@2:18-2:22', 'curl@2:31-2:35']]);
    expect(healthcheckTest(only('FROM x\nHEALTHCHECK NONE\n', 'HEALTHCHECK'))?.form).toBe('none');
  });
});

describe('the container command', () => {
  it('drops CMD under a shell-form ENTRYPOINT, which ignores it', () => {
    const df = parse('FROM node:22\nENTRYPOINT node server.js\nCMD ["--port", "3000"]\n');
    expect(containerCommand(df.finalStage!).cmd).toBeUndefined();
  });

  it('reads assignments given to env and through wrappers', () => {
    const df = parse('FROM node:22\nENTRYPOINT ["tini", "--"]\nCMD ["env", "-u", "DEBUG", "NODE_ENV=production", "node", "server.js"]\n');
    // The exec-form ENTRYPOINT runs the CMD as its arguments: one call through tini and env, then the CMD on its own.
    const [combined, env] = containerCalls(df.finalStage!);
    expect(combined?.assignments.get('NODE_ENV')).toBe('production');
    expect(combined?.program.map((w) => w.value)).toEqual(['node', 'server.js']);
    expect(env?.assignments.get('NODE_ENV')).toBe('production');
    expect(env?.program.map((w) => w.value)).toEqual(['node', 'server.js']);
  });
});

describe('programs a command runs', () => {
  const program = (text: string) => {
    const call = programCall(shellCommands(only(`FROM x\nRUN ${text}\n`, 'RUN'))[0]!.words);
    return [call.exec, call.program.map((w) => w.value).join(' ')];
  };

  it('skips assignments, exec and wrappers with their options', () => {
    expect(program('NODE_ENV=production exec gosu node npm ci')).toEqual([true, 'npm ci']);
    expect(program('sudo -u app -E timeout -s KILL 60 nice -n 5 npm ci')).toEqual([false, 'npm ci']);
    expect(program('dumb-init --rewrite 15:2 -- su-exec node node server.js')).toEqual([false, 'node server.js']);
    expect(program('command -v curl')).toEqual([false, 'command -v curl']);
  });

  it('reads the script of an exec-form `sh -c` RUN', () => {
    const run = only('FROM x\nRUN ["sh", "-c", "npm install && npm run build"]\n', 'RUN');
    expect(runCalls(run).map((c) => `${c.program.map((w) => w.value).join(' ')}@${at(c.program[0]?.loc)}`)).toEqual([
      'sh -c npm install && npm run build@2:6-2:10',
      'npm install@2:19-2:22',
      'npm run build@2:34-2:37',
    ]);
  });
});

describe('stage state', () => {
  it('substitutes ARG and ENV in WORKDIR and the environment a RUN sees', () => {
    const df = parse('ARG APP=/srv\nFROM node:22\nARG APP\nENV HOME_DIR=${APP}/app NODE_ENV=${MODE:-production}\nWORKDIR $HOME_DIR\nRUN npm ci\n');
    const stage = df.finalStage!;
    const run = stage.instructions.at(-1)!;
    expect(workdirAt(df, stage, run)).toBe('/srv/app');
    expect(runEnvAt(df, stage, run).get('NODE_ENV')).toBe('production');
    expect(envAt(df, stage).get('HOME_DIR')?.pair.value).toBe('${APP}/app');
  });

  it('lets an ENV override an ARG of the same name, whichever comes first', () => {
    const df = parse('FROM node:22\nENV MODE=production\nARG MODE=development\nARG PORT=3000\nENV PORT=8080\nENV URL=${MODE}:${PORT}\n');
    expect(envAt(df, df.finalStage!).get('URL')?.value).toBe('production:8080');
  });

  it('resolves one ENV of 20000 pairs in linear time (a hostile Dockerfile under the size cap)', () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `K${i}`);
    const df = parse(`FROM node:22\nENV ${keys.map((k) => `${k}=v`).join(' ')} LAST=$K19999\n`);
    const started = performance.now();
    const env = envAt(df, df.finalStage!);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(env.size).toBe(20001);
    expect(env.get('LAST')?.value).toBe('v');
  });
});
