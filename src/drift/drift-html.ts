import { escapeHtml } from '../reporters/html-escape.js';
import type { WireObservation } from '../run/results.js';
import { MEASURES, type NightValues, type Trend } from './trend.js';
import { MEASURE_STYLES, renderLegend, renderTrendChart } from './trend-chart.js';
import type { SpecDifference } from './types.js';

/** File name of the drift page inside the reports folder. */
export const DRIFT_HTML_FILE = 'drift.html';

/** Content of the drift page: the latest check and the trend of the target's history. */
export interface DriftPage {
  /** Redacted target. */
  target: string;
  generatedAt: string;
  pinnedSource: string;
  liveSource: string;
  differences: readonly SpecDifference[];
  observations: readonly WireObservation[];
  trend: Trend;
  /** History lines that could not be read. */
  skippedLines: number;
}

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5f6368; --line: #d0d4da; }
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--ink);
  margin: 0 auto; padding: 1.5rem; max-width: 76rem; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
.meta { color: var(--muted); margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace; font-size: .85em;
  overflow-wrap: anywhere; }
.kind-breaking { font-weight: 700; } .kind-breaking::before { content: '✗ '; }
.kind-additive::before { content: '+ '; }
.counts { display: flex; gap: 1.5rem; flex-wrap: wrap; font-size: 1.05rem; }
.legend { display: flex; gap: 1.25rem; flex-wrap: wrap; list-style: none; padding: 0; }
.legend li { display: flex; align-items: center; gap: .35rem; }
.sample { width: 36px; height: 12px; }
.grid-charts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); }
.method { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
.chart { width: 100%; height: auto; }
.overview { max-width: 44rem; }
.chart .grid { stroke: var(--line); stroke-width: .6; }
.chart .axis { font-size: 9px; fill: var(--muted); }
details { margin-top: .4rem; } summary { cursor: pointer; color: var(--muted); }
`;

function escapeCode(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function renderDifferenceRows(differences: readonly SpecDifference[]): string {
  const rank = (difference: SpecDifference): number => (difference.kind === 'breaking' ? 0 : 1);
  const ordered = [...differences].sort((first, second) => rank(first) - rank(second));
  return ordered
    .map(
      (difference) =>
        `<tr><td class="kind-${difference.kind}">${difference.kind}</td>` +
        `<td>${escapeCode(difference.method ?? '(document)')}</td>` +
        `<td>${escapeCode(difference.change)}</td><td>${escapeHtml(difference.message)}</td>` +
        `<td>${escapeCode(difference.pointer)}</td></tr>`,
    )
    .join('');
}

function renderDifferences(differences: readonly SpecDifference[]): string {
  if (differences.length === 0) {
    return '<p>The live spec matches the pinned spec: no difference.</p>';
  }
  return (
    '<table><thead><tr><th>class</th><th>method</th><th>change</th><th>what</th>' +
    `<th>pointer</th></tr></thead><tbody>${renderDifferenceRows(differences)}</tbody></table>`
  );
}

function listOrDash(values: readonly (string | number)[]): string {
  return values.length === 0 ? '-' : values.map((value) => escapeCode(String(value))).join(' ');
}

function renderObservations(observations: readonly WireObservation[]): string {
  if (observations.length === 0) {
    return '<p>No wire observations: no results file was read, or the responses showed nothing the spec does not describe.</p>';
  }
  const rows = observations.map(
    (observation) =>
      `<tr><td>${escapeCode(observation.method)}</td>` +
      `<td>${listOrDash(observation.undocumentedFields)}</td>` +
      `<td>${listOrDash(observation.undocumentedStatuses)}</td>` +
      `<td>${listOrDash(observation.undocumentedVariants)}</td>` +
      `<td>${observation.strayExtensionMarker ? 'yes' : 'no'}</td></tr>`,
  );
  return (
    '<table><thead><tr><th>method</th><th>undocumented fields</th><th>undocumented statuses</th>' +
    '<th>undocumented variants</th><th><code>x_extension</code> on a wire method</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function cell(value: number | undefined): string {
  return `<td class="number">${value === undefined ? '-' : value}</td>`;
}

/** Renders a table of the chart's numbers, so that every value can be read without the drawing. */
function renderNumbers(nights: readonly string[], rows: readonly NightValues[]): string {
  const header = MEASURES.map(
    (measure) => `<th class="number">${escapeHtml(MEASURE_STYLES[measure].label)}</th>`,
  ).join('');
  const body = nights
    .map((night, index) => {
      const row = rows[index] ?? {};
      return `<tr><td>${escapeHtml(night)}</td>${MEASURES.map((measure) => cell(row[measure])).join('')}</tr>`;
    })
    .join('');
  return (
    `<details><summary>Numbers per night</summary><table><thead><tr><th>night</th>${header}</tr></thead>` +
    `<tbody>${body}</tbody></table></details>`
  );
}

function renderMethodTrends(trend: Trend): string {
  return trend.methods
    .map((method) => {
      const label = `Trend of ${method.method} over ${trend.nights.length} nights`;
      return (
        `<section class="method" data-method="${escapeHtml(method.method)}">` +
        `<h3>${escapeHtml(method.method)}</h3>` +
        renderTrendChart(label, trend.nights, method.values, MEASURES) +
        renderNumbers(trend.nights, method.values) +
        '</section>'
      );
    })
    .join('');
}

function renderTrend(trend: Trend, skippedLines: number): string {
  if (trend.nights.length === 0) {
    return '<p>No history yet: the trend starts with the next run or drift check.</p>';
  }
  const skipped =
    skippedLines > 0
      ? `<p class="meta">${skippedLines} history line(s) could not be read and are left out.</p>`
      : '';
  const range = `${trend.nights[0]} to ${trend.nights[trend.nights.length - 1]}`;
  return (
    `<p class="meta">${trend.nights.length} night(s), ${escapeHtml(range)} (UTC). ` +
    'Each night shows its last run and its last drift check; a dash is a night without that measure.</p>' +
    skipped +
    renderLegend(MEASURES) +
    '<section class="method overview" data-method="(all methods)"><h3>All methods</h3>' +
    renderTrendChart(
      `Trend of all methods over ${trend.nights.length} nights`,
      trend.nights,
      trend.total,
      MEASURES,
    ) +
    renderNumbers(trend.nights, trend.total) +
    `</section><h2>Per method</h2><div class="grid-charts">${renderMethodTrends(trend)}</div>`
  );
}

function countKind(differences: readonly SpecDifference[], kind: SpecDifference['kind']): number {
  return differences.filter((difference) => difference.kind === kind).length;
}

/**
 * Renders `drift.html` as one self-contained page: inline CSS and SVG, and no script, font or
 * image from anywhere else. It shows the latest check's differences and wire observations, then
 * the trend of findings, differences and observations per night, for all methods and per method.
 */
export function renderDriftHtml(page: DriftPage): string {
  const breaking = countKind(page.differences, 'breaking');
  const additive = countKind(page.differences, 'additive');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Drift: ${escapeHtml(page.target)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Drift of ${escapeHtml(page.target)}</h1>
<p class="meta">Checked ${escapeHtml(page.generatedAt)}. Live spec ${escapeCode(page.liveSource)} against the pinned spec ${escapeCode(page.pinnedSource)}.</p>
<h2>This check</h2>
<p class="counts"><span class="kind-breaking">${breaking} breaking</span><span class="kind-additive">${additive} additive</span><span>${page.observations.length} method(s) with wire observations</span></p>
${renderDifferences(page.differences)}
<h2>Seen on the wire</h2>
${renderObservations(page.observations)}
<h2>Trend over nights</h2>
${renderTrend(page.trend, page.skippedLines)}
</body>
</html>
`;
}
