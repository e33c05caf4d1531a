import { describe, expect, it } from 'vitest';
import { parseComposeBytes, parseDuration, parseK8sQuantity } from '../src/model/quantities.ts';

const Mi = 2 ** 20;

describe('Kubernetes quantities', () => {
  it('reads binary, decimal, exponent and plain forms', () => {
    expect(parseK8sQuantity('512Mi')).toBe(512 * Mi);
    expect(parseK8sQuantity('1Gi')).toBe(2 ** 30);
    expect(parseK8sQuantity('500M')).toBe(500e6);
    expect(parseK8sQuantity('1e9')).toBe(1e9);
    expect(parseK8sQuantity('1E3')).toBe(1000);
    expect(parseK8sQuantity('134217728')).toBe(134217728);
    expect(parseK8sQuantity(268435456)).toBe(268435456);
    expect(parseK8sQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseK8sQuantity('128k')).toBe(128000);
  });

  it('reads CPU in cores', () => {
    expect(parseK8sQuantity('250m')).toBe(0.25);
    expect(parseK8sQuantity('2')).toBe(2);
    expect(parseK8sQuantity('0.5')).toBe(0.5);
  });

  it('takes a lower-case m as milli, the classic memory mistake', () => {
    expect(parseK8sQuantity('512m')).toBeCloseTo(0.512);
  });

  it('rejects what the API server rejects', () => {
    for (const bad of ['512MB', '1 Gi', 'Mi', '', '1GiB', 'lots']) expect(parseK8sQuantity(bad), bad).toBeUndefined();
  });
});

describe('compose byte sizes', () => {
  it('reads docker units in any case, binary', () => {
    expect(parseComposeBytes('512m')).toBe(512 * Mi);
    expect(parseComposeBytes('1g')).toBe(2 ** 30);
    expect(parseComposeBytes('1.5G')).toBe(1.5 * 2 ** 30);
    expect(parseComposeBytes('512M')).toBe(512 * Mi);
    expect(parseComposeBytes('512MiB')).toBe(512 * Mi);
    expect(parseComposeBytes('64kb')).toBe(64 * 1024);
    expect(parseComposeBytes('1048576')).toBe(Mi);
    expect(parseComposeBytes(1048576)).toBe(Mi);
  });

  it('rejects what docker rejects', () => {
    for (const bad of ['512 megabytes', 'm', '', '1x', '-1g']) expect(parseComposeBytes(bad), bad).toBeUndefined();
  });
});

describe('durations', () => {
  it('reads Go durations in milliseconds', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
  });

  it('reads a bare number as seconds (Kubernetes *Seconds fields)', () => {
    expect(parseDuration(45)).toBe(45_000);
    expect(parseDuration('10')).toBe(10_000);
  });

  it('rejects text that is not a duration', () => {
    for (const bad of ['', 'soon', '30 s', '1d', 's30']) expect(parseDuration(bad), bad).toBeUndefined();
  });
});
