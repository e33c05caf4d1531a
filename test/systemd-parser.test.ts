/** systemd unit parser: sections, keys, repeated keys and resets, continuations, comments, errors with positions. */
import { describe, expect, it } from 'vitest';
import { makeSourceFile } from '../src/discover.ts';
import { parseSystemdUnit } from '../src/parsers/systemd.ts';

const unit = (...lines: string[]) => parseSystemdUnit(makeSourceFile('deploy/app.service', 'systemd', lines.join('\n')));

describe('systemd unit parser', () => {
  it('reads sections and assignments with positions, skipping # and ; comments', () => {
    const u = unit('# app', '[Unit]', 'Description=API', '; note', '', '[Service]', 'User = app', 'ExecStart=/usr/bin/node server.js');
    expect(u.sections.map((s) => [s.name, s.loc.line, s.loc.column, s.loc.endColumn])).toEqual([
      ['Unit', 2, 1, 7],
      ['Service', 6, 1, 10],
    ]);
    const user = u.last('Service', 'User');
    expect(user).toMatchObject({ value: 'app', keyLoc: { line: 7, column: 1, endColumn: 5 }, valueLoc: { line: 7, column: 8, endColumn: 11 } });
    expect(u.last('Service', 'Group')).toBeUndefined();
  });

  it('joins continuation lines with a space and skips comment lines inside them', () => {
    const u = unit('[Service]', 'ExecStart=/usr/bin/node \\', '# a comment', '  --max-old-space-size=512 \\', '  server.js', 'Restart=always');
    const exec = u.last('Service', 'ExecStart');
    expect(exec?.value).toBe('/usr/bin/node    --max-old-space-size=512    server.js');
    expect(exec?.loc).toMatchObject({ line: 2, endLine: 5 });
    expect(u.last('Service', 'Restart')?.loc.line).toBe(6);
  });

  it('keeps repeated keys, across repeated sections, and an empty assignment resets the list', () => {
    const u = unit('[Service]', 'Environment=A=1', 'Environment=B=2', '[Service]', 'Environment=C=3', 'User=app', 'User=');
    expect(u.entries('Service', 'Environment').map((e) => e.value)).toEqual(['A=1', 'B=2', 'C=3']);
    expect(u.last('Service', 'User')).toBeUndefined();
  });

  it('throws with a position on lines systemd would reject', () => {
    expect(() => unit('User=app')).toThrow(/before the first `\[Section\]`/);
    expect(() => unit('[Service', 'User=app')).toThrow(/must end with `]`/);
    try {
      unit('[Service]', '  Restart always');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ line: 2, column: 3 });
    }
  });
});
