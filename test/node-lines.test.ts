import { describe, expect, it } from 'vitest';
import { nodeImageVersion } from '../src/model/images.ts';
import { isEndOfLife, NODE_LINES, nodeLine, supportedLtsLines } from '../src/model/node-lines.ts';
import { parseImageRef } from '../src/parsers/dockerfile.ts';

const version = (image: string) => nodeImageVersion(parseImageRef(image));

describe('which Node.js line an image tag runs', () => {
  it.each([
    ['node:22', 22],
    ['node:22-alpine', 22],
    ['node:22-alpine3.20', 22],
    ['node:22.11.0-bookworm-slim', 22],
    ['node:18.20.4', 18],
    ['node:18@sha256:abc', 18],
    ['docker.io/library/node:20-slim', 20],
    ['bitnami/node:18.20.0-debian-12-r0', 18],
    ['cimg/node:20.11', 20],
  ])('%s → %i from the tag', (image, major) => {
    expect(version(image)).toEqual({ major, via: 'tag' });
  });

  it.each([
    ['node:hydrogen-alpine', 18],
    ['node:iron', 20],
    ['node:Jod-bookworm-slim', 22],
  ])('%s → %i from the codename', (image, major) => {
    expect(version(image)).toEqual({ major, via: 'codename' });
  });

  it('reads distroless lines from the image name', () => {
    expect(version('gcr.io/distroless/nodejs18-debian12')).toEqual({ major: 18, via: 'name' });
    expect(version('gcr.io/distroless/nodejs22-debian12:nonroot')).toEqual({ major: 22, via: 'name' });
  });

  it.each([
    ['node:lts', 'lts'],
    ['node:lts-alpine', 'lts'],
    ['node:current', 'current'],
    ['node:current-alpine', 'current'],
    ['node:latest', 'current'],
    ['node', 'current'],
    ['node:alpine', 'current'],
    ['node:slim', 'current'],
    ['node:bookworm', 'current'],
  ])('%s is the moving alias %s', (image, alias) => {
    expect(version(image)).toEqual({ alias });
  });

  it('does not know the line of a digest without a tag', () => {
    expect(version('node@sha256:abc')).toBeUndefined();
  });

  it('has no Node.js line for images that are not Node.js', () => {
    expect(version('python:3.12-slim')).toBeUndefined();
    expect(version('oven/bun:1.1')).toBeUndefined();
    expect(version('bitnami/node:18')).toEqual({ major: 18, via: 'tag' });
  });
});

describe('release lines from node-releases', () => {
  it('has every line with its dates and LTS codename', () => {
    expect(nodeLine(18)).toMatchObject({ major: 18, end: '2025-04-30', codename: 'Hydrogen' });
    expect(nodeLine(23)?.codename).toBeUndefined();
    expect(NODE_LINES.every((l) => /^\d{4}-\d{2}-\d{2}$/.test(l.end))).toBe(true);
  });

  it('ends support after the end date, not on it', () => {
    const line = nodeLine(20)!;
    expect(isEndOfLife(line, new Date('2026-04-30T23:00:00Z'))).toBe(false);
    expect(isEndOfLife(line, new Date('2026-05-01T00:00:00Z'))).toBe(true);
  });

  it('lists the LTS lines supported on a day, oldest first', () => {
    expect(supportedLtsLines(new Date('2026-06-15T12:00:00Z')).map((l) => l.major)).toEqual([22, 24]);
    expect(supportedLtsLines(new Date('2026-04-15T12:00:00Z')).map((l) => l.major)).toEqual([20, 22, 24]);
  });
});
