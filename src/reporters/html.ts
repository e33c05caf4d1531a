/**
 * HTML: one self-contained page (inline CSS, no scripts, no external assets; a CSP says so) with the
 * score, category scores, what cost the most points and the findings grouped by file. Every piece of
 * text is escaped (escape.ts).
 */
import type { RunResult } from '../engine.ts';
import type { Finding } from '../types.ts';
import { helpUri } from '../version.ts';
import { escapeHtml, htmlMessage } from './escape.ts';
import { acceptedFindings, countsPhrase, openFindings, plural, pointsLost, scorePhrase, serviceCountsPhrase, serviceScorePhrase, setAsidePhrase, topCosts, WEIGHTS_NOTE } from './summary.ts';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1rem;font-family:ui-monospace,monospace}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #d0d7de;vertical-align:top}
code,.pos{font-family:ui-monospace,monospace}.error{color:#cf222e}.warning{color:#9a6700}.info{color:#0969da}.muted{color:#59636e}
.grade{font-size:2.5rem;font-weight:700}`;

const e = escapeHtml;

function ruleLink(ruleId: string): string {
  return `<a href="${e(helpUri(ruleId))}"><code>${e(ruleId)}</code></a>`;
}

function table(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${e(h)}</th>`).join('');
  const trs = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

function findingRow(f: Finding): string[] {
  const severity = `<span class="${f.severity}">${f.severity}</span>${f.baselined ? ' <span class="muted">(baselined)</span>' : ''}`;
  return [`<span class="pos">${f.line}:${f.column}</span>`, severity, htmlMessage(f.message), ruleLink(f.ruleId)];
}

export function formatHtml(result: RunResult): string {
  const s = result.score;
  const body: string[] = [];
  body.push(`<h1>shipready readiness report</h1>`);
  body.push(`<p class="muted">${e(result.root)} · shipready ${e(result.version)}</p>`);
  if (s.score === null) body.push(`<p class="grade">${e(scorePhrase(result))}</p>`);
  else body.push(`<p><span class="grade">${s.score}/100</span> grade <span class="grade">${s.grade}</span></p>`);
  const { error, warning, info } = result.counts;
  const setAside = setAsidePhrase(result);
  body.push(`<p><strong>${plural(error + warning + info, 'problem')}</strong>: ${countsPhrase(result)}${setAside ? ` · ${setAside}` : ''}</p>`);

  if (s.score !== null) {
    body.push('<h2>Categories</h2>', table(['Category', 'Score'], Object.entries(s.categories).map(([name, value]) => [e(name), String(value)])));
    body.push(`<p class="muted">${s.passedWeight} of ${s.applicableWeight} weighted checks passed (${WEIGHTS_NOTE}).</p>`);
    const costs = topCosts(result, 5);
    if (costs.length > 0) {
      body.push('<h2>What cost the most points</h2>');
      body.push(table(['Rule', 'Points', 'Failed'], costs.map((c) => [ruleLink(c.ruleId), pointsLost(c), `${c.failed} of ${c.applicable}`])));
    }
  }
  if (result.services.length > 0) {
    body.push('<h2>Services</h2>', table(['Service', 'Folder', 'Score', 'Findings'], result.services.map((sv) => [e(sv.name), `<code>${e(sv.root || '.')}</code>`, serviceScorePhrase(sv), serviceCountsPhrase(sv)])));
  }

  const byFile = new Map<string, Finding[]>();
  for (const f of openFindings(result)) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  if (byFile.size > 0) {
    body.push('<h2>Findings</h2>');
    for (const [file, findings] of byFile) {
      body.push(`<h3>${e(file)}</h3>`, table(['Line:Col', 'Severity', 'Message', 'Rule'], findings.map(findingRow)));
    }
  }

  const accepted = acceptedFindings(result);
  if (accepted.length > 0) {
    body.push('<h2>Accepted (suppressed in source)</h2>');
    const rows = accepted.map((f) => [`<code>${e(f.file)}</code>`, `<span class="pos">${f.line}:${f.column}</span>`, ruleLink(f.ruleId), htmlMessage(f.suppressed?.reason ?? '')]);
    body.push(table(['File', 'Line:Col', 'Rule', 'Reason'], rows));
  }

  if (result.notices.length > 0) {
    body.push('<h2>Notes</h2>', `<ul>${result.notices.map((n) => `<li>${htmlMessage(n.message)}</li>`).join('')}</ul>`);
  }

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>shipready: ${e(scorePhrase(result))}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
