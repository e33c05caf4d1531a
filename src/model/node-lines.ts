/** Node.js release lines and their end-of-life dates, from the node-releases package (never a hand table). */
import schedule from 'node-releases/data/release-schedule/release-schedule.json' with { type: 'json' };

interface NodeLine {
  major: number;
  /** Dates as YYYY-MM-DD. */
  start: string;
  lts?: string;
  end: string;
  /** LTS codename as released (`Hydrogen`), when the line has one. */
  codename?: string;
}

export const NODE_LINES: readonly NodeLine[] = Object.entries(schedule as Record<string, { start: string; end: string; lts?: string; codename?: string }>)
  .filter(([key]) => /^v\d+$/.test(key))
  .map(([key, line]) => ({
    major: Number(key.slice(1)),
    start: line.start,
    lts: line.lts,
    end: line.end,
    codename: line.codename || undefined,
  }));

export function nodeLine(major: number): NodeLine | undefined {
  return NODE_LINES.find((l) => l.major === major);
}

function day(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Past its end-of-life date (the end date itself is the last supported day). */
export function isEndOfLife(line: NodeLine, now: Date): boolean {
  return day(now) > line.end;
}

/** LTS lines supported at `now`, oldest first: the oldest is the smallest step forward, the newest the longest-lived. */
export function supportedLtsLines(now: Date): NodeLine[] {
  const today = day(now);
  return NODE_LINES.filter((l) => l.lts !== undefined && l.lts <= today && today <= l.end).sort((a, b) => a.major - b.major);
}
