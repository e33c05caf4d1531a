/**
 * systemd unit files (`*.service`) → sections and assignments with positions, read as systemd
 * reads them: `#`/`;` comment lines, a trailing `\` continues an assignment on the next line
 * (comment lines inside it are skipped), keys repeat, an empty assignment (`Key=`) resets the list.
 */
import type { Loc, SourceFile } from '../types.ts';

export interface UnitEntry {
  key: string;
  /** The value with continuation lines joined by a space and surrounding whitespace trimmed. */
  value: string;
  /** The whole assignment (over continuation lines). */
  loc: Loc;
  keyLoc: Loc;
  /** The value as written on its first line (the key when the value is empty). */
  valueLoc: Loc;
}

export interface UnitSection {
  name: string;
  /** The `[Name]` header. */
  loc: Loc;
  entries: UnitEntry[];
}

export interface SystemdUnit {
  file: string;
  sections: UnitSection[];
  /** The first section with this name (systemd merges repeated sections). */
  section(name: string): UnitSection | undefined;
  /** The assignments of a key in every section of that name, after the last empty assignment (which resets it). */
  entries(section: string, key: string): UnitEntry[];
  /** The assignment that takes effect for a single-valued key: the last one (undefined when unset or reset). */
  last(section: string, key: string): UnitEntry | undefined;
}

function span(file: string, line: number, column: number, endLine: number, endColumn: number): Loc {
  return { file, line, column, endLine, endColumn };
}

export function parseSystemdUnit(source: SourceFile): SystemdUnit {
  const file = source.path;
  const sections: UnitSection[] = [];
  let current: UnitSection | undefined;
  const lines = source.lines;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = i + 1;
    const trimmed = raw.trim();
    const indent = raw.length - raw.trimStart().length;
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (trimmed.startsWith('[')) {
      if (!trimmed.endsWith(']')) throw Object.assign(new Error('a section header must end with `]`'), { line, column: indent + 1 });
      current = { name: trimmed.slice(1, -1).trim(), loc: span(file, line, indent + 1, line, indent + trimmed.length + 1), entries: [] };
      sections.push(current);
      continue;
    }
    const eq = raw.indexOf('=');
    if (eq === -1) throw Object.assign(new Error('expected `Key=value`, a `[Section]` header or a comment'), { line, column: indent + 1 });
    if (!current) throw Object.assign(new Error('an assignment before the first `[Section]` header'), { line, column: indent + 1 });
    const key = raw.slice(0, eq).trim();
    if (!/^[A-Za-z0-9_.@-]+$/.test(key)) throw Object.assign(new Error(`\`${key}\` is not a valid key`), { line, column: indent + 1 });
    const keyLoc = span(file, line, indent + 1, line, indent + key.length + 1);
    const firstValue = raw.slice(eq + 1);
    const valueStart = eq + 1 + (firstValue.length - firstValue.trimStart().length);
    const parts: string[] = [];
    let text = firstValue;
    let endLine = line;
    let endColumn = raw.trimEnd().length + 1;
    while (text.trimEnd().endsWith('\\')) {
      parts.push(text.trimEnd().slice(0, -1));
      let next = i + 1;
      while (next < lines.length && /^\s*[#;]/.test(lines[next] as string)) next++;
      if (next >= lines.length) {
        text = '';
        break;
      }
      i = next;
      text = lines[i] as string;
      endLine = i + 1;
      endColumn = text.trimEnd().length + 1;
    }
    parts.push(text);
    const value = parts.join(' ').trim();
    const firstLineValue = (parts[0] ?? '').trim();
    const valueLoc = value === '' ? keyLoc : span(file, line, valueStart + 1, line, valueStart + Math.max(1, firstLineValue.length) + 1);
    current.entries.push({ key, value, loc: span(file, line, indent + 1, endLine, endColumn), keyLoc, valueLoc });
  }
  const entries = (section: string, key: string): UnitEntry[] => {
    const all = sections.filter((s) => s.name === section).flatMap((s) => s.entries.filter((e) => e.key === key));
    const reset = all.findLastIndex((e) => e.value === '');
    return all.slice(reset + 1);
  };
  return {
    file,
    sections,
    section: (name) => sections.find((s) => s.name === name),
    entries,
    last: (section, key) => entries(section, key).at(-1),
  };
}
