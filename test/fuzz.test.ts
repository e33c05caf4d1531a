/**
 * Seeded mutation fuzzing: the examples and a sample of rule cases, each file mutated the ways hostile or broken
 * repositories are (byte flips, truncation, duplicated and very long lines, deep nesting, BOM, CRLF, NUL, invalid
 * UTF-8, U+2028), linted twice. Every run must end with a report that serialises to JSON, and the second run must
 * say exactly what the first said. The seed, the count and a time budget keep CI fast and failures reproducible.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/lint.ts';

const SEED = 20261204;
const REPOSITORIES = 200;
/** A generous budget that only a hang reaches: the runs take a few seconds. */
const BUDGET_MS = 120_000;
const NOW = new Date('2026-06-15T12:00:00Z');

/** mulberry32: a small, seeded generator, so a failure names the seed and the repository that broke. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (bytes: Buffer, random: () => number) => Buffer;
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;

const MUTATIONS: Record<string, Mutation> = {
  'byte flips': (b, r) => {
    const out = Buffer.from(b);
    for (let k = 0; k < 1 + Math.floor(r() * 8) && out.length > 0; k++) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
    return out;
  },
  truncation: (b, r) => b.subarray(0, Math.floor(r() * b.length)),
  'duplicated lines': (b, r) => {
    const lines = b.toString('latin1').split('\n');
    const at = Math.floor(r() * lines.length);
    lines.splice(at, 0, ...Array(1 + Math.floor(r() * 50)).fill(lines[at] ?? ''));
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  'a long line': (b, r) => Buffer.concat([b, Buffer.from(`\n${pick(['A', ' ', '=', '"', '\\', '${', '- ', '{'], r).repeat(20_000)}\n`)]),
  'deep nesting': (b, r) => Buffer.concat([b, Buffer.from(`\n${pick(['[', '{', '(', '  - '], r).repeat(2_000)}\n`)]),
  BOM: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  CRLF: (b) => Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'),
  NUL: (b, r) => {
    const at = Math.floor(r() * (b.length + 1));
    return Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
  },
  'invalid UTF-8': (b, r) => {
    const at = Math.floor(r() * (b.length + 1));
    return Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), b.subarray(at)]);
  },
  'U+2028': (b, r) => {
    const at = Math.floor(r() * (b.length + 1));
    return Buffer.concat([b.subarray(0, at), Buffer.from('\u2028\u2029', 'utf8'), b.subarray(at)]);
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** Folders to mutate: the two examples and every fifth rule case folder (a spread over all kinds of files). */
function seeds(): string[] {
  const cases = readdirSync('rules', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((family) =>
      readdirSync(join('rules', family.name), { withFileTypes: true })
        .filter((r) => r.isDirectory())
        .flatMap((rule) => {
          const dir = join('rules', family.name, rule.name, 'cases');
          try {
            return readdirSync(dir, { withFileTypes: true })
              .filter((c) => c.isDirectory())
              .map((c) => join(dir, c.name));
          } catch {
            return [];
          }
        }),
    )
    .sort()
    .filter((_, k) => k % 5 === 0);
  return ['examples/seeds-service', 'examples/well-run-service', ...cases];
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'shipready-fuzz-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe(`seeded mutations (seed ${SEED})`, () => {
  it(`${REPOSITORIES} mutated repositories each end with the same JSON report twice`, async () => {
    const random = generator(SEED);
    const sources = seeds();
    const start = performance.now();
    for (let n = 0; n < REPOSITORIES && performance.now() - start < BUDGET_MS; n++) {
      const source = pick(sources, random);
      const root = join(tmp, `repo-${n}`);
      mkdirSync(root, { recursive: true });
      cpSync(source, root, { recursive: true });
      const files = filesUnder(root).filter((f) => statSync(f).size < 512 * 1024);
      const mutated: string[] = [];
      for (let k = 0; k < 1 + Math.floor(random() * 3) && files.length > 0; k++) {
        const file = pick(files, random);
        const [name, mutate] = pick(Object.entries(MUTATIONS), random);
        writeFileSync(file, mutate(readFileSync(file), random));
        mutated.push(`${relative(root, file)} (${name})`);
      }
      const what = `repository ${n} from ${source}: ${mutated.join(', ')}`;
      const first = await lint({ root, now: NOW });
      const second = await lint({ root, now: NOW });
      const json = JSON.stringify(first.result);
      expect(() => JSON.parse(json), what).not.toThrow();
      expect(JSON.stringify(second.result), what).toBe(json);
    }
    expect(performance.now() - start).toBeLessThan(BUDGET_MS);
  }, BUDGET_MS + 60_000);
});
