import type { CheckName, Verdict } from '../checks/types.js';
import type { CheckResult, MethodResult, RunResult } from '../run/results.js';
import {
  checkColumns,
  countVerdicts,
  describeShard,
  findCell,
  formatCount,
  formatDuration,
  notProvenCells,
  overallVerdict,
  plural,
} from './format.js';
import { escapeBreakable, escapeHtml } from './html-escape.js';

const VERDICT_CELL_TEXT: Record<Verdict, string> = {
  pass: '✓ pass',
  fail: '✗ FAIL',
  'not-proven': '? n/p',
};

const VERDICT_NAMES: Record<Verdict, string> = {
  pass: 'pass',
  fail: 'FAIL',
  'not-proven': 'not proven',
};

/** Anchor ids of the finding groups, by method x check key. */
export type GroupAnchors = Map<string, string>;

function badge(result: RunResult): string {
  const verdict = overallVerdict(result);
  let text = 'PASS';
  if (verdict === 'fail') {
    text = 'FAIL';
  } else if (verdict === 'not-proven') {
    text = 'PASS · NOT ALL PROVEN';
  }
  return `<span class="badge ${verdict}" data-testid="run-verdict">${text}</span>`;
}

function fact(label: string, value: string, testId?: string): string {
  const attribute = testId === undefined ? '' : ` data-testid="${testId}"`;
  return `<div><dt>${escapeHtml(label)}</dt><dd${attribute}>${value}</dd></div>`;
}

function tile(value: string, label: string, kind = ''): string {
  return `<div class="tile ${kind}"><strong>${value}</strong><span>${escapeHtml(label)}</span></div>`;
}

/** Renders the header: verdict, run facts and count tiles. */
export function renderSummary(result: RunResult): string {
  const counts = countVerdicts(result);
  const facts = [
    fact('target', `<span class="mono">${escapeHtml(result.target)}</span>`, 'summary-target'),
    fact('seed', `<span class="mono">${result.seed}</span>`, 'summary-seed'),
    fact(
      'profile',
      escapeHtml(result.profile) + (result.strict ? ' (strict)' : ''),
      'summary-profile',
    ),
    fact('spec', escapeHtml(result.specVersion)),
    fact(
      'spec hash',
      `<span class="mono">${escapeHtml(result.specHash)}</span>`,
      'summary-spec-hash',
    ),
    fact('harness', escapeHtml(result.harnessVersion), 'summary-harness-version'),
    fact('started', escapeHtml(result.startedAt)),
    fact('duration', escapeHtml(formatDuration(result.durationMs)), 'summary-duration'),
  ];
  const shard = describeShard(result);
  if (shard !== undefined) {
    facts.push(fact('shard', escapeHtml(shard)));
  }
  const tiles = [
    tile(String(counts.cells.pass), 'cells pass', 'pass'),
    tile(String(counts.cells.fail), 'cells fail', counts.cells.fail > 0 ? 'fail' : ''),
    tile(
      String(counts.cells['not-proven']),
      'cells not proven',
      counts.cells['not-proven'] > 0 ? 'not-proven' : '',
    ),
    tile(`${counts.sequences.pass}/${result.sequences.length}`, 'sequences pass'),
    tile(formatCount(result.summary.exchanges), 'exchanges'),
    tile(
      formatCount(result.summary.failures),
      'failures',
      result.summary.failures > 0 ? 'fail' : '',
    ),
    tile(formatCount(result.summary.warnings), 'warnings'),
  ];
  return [
    '<header class="summary" data-testid="summary">',
    `<h1>Conformance report ${badge(result)}</h1>`,
    `<dl class="facts">${facts.join('')}</dl>`,
    `<div class="tiles" data-testid="summary-counts">${tiles.join('')}</div>`,
    '</header>',
  ].join('\n');
}

/** Renders the banner shown when anything is not proven, or nothing when all is proven. */
export function renderNotProvenBanner(result: RunResult): string {
  const cells = notProvenCells(result).length;
  const sequences = result.sequences.filter((sequence) => sequence.verdict === 'not-proven').length;
  const budget = result.summary.budgetExhausted
    ? '<p>The request budget ran out before every planned request was sent.</p>'
    : '';
  if (cells === 0 && sequences === 0 && !result.summary.notProven) {
    return budget === ''
      ? ''
      : `<section class="banner" data-testid="budget-banner">${budget}</section>`;
  }
  return [
    '<section class="banner" data-testid="not-proven-banner" role="alert">',
    `NOT PROVEN: ${plural(cells, 'method x check cell')} and ${plural(sequences, 'sequence')} have no evidence.`,
    '<p>A pass elsewhere says nothing about them; set the verdict filter to “not proven” to see each reason.</p>',
    budget,
    '</section>',
  ].join('\n');
}

/** Renders the command that repeats the run with its seed. */
export function renderReproduce(result: RunResult): string {
  return [
    '<section data-testid="reproduce">',
    '<h2>Reproduce this run</h2>',
    '<div class="block-title">same seed, same requests <button type="button" class="copy" data-copy="reproduce-command">copy</button></div>',
    `<pre id="reproduce-command" data-testid="reproduce-command">${escapeHtml(result.command)}</pre>`,
    '</section>',
  ].join('\n');
}

function options(values: readonly string[], allLabel: string): string {
  const items = values.map(
    (value) => `<option value="${escapeHtml(value)}">${escapeHtml(value)}</option>`,
  );
  return [`<option value="">${escapeHtml(allLabel)}</option>`, ...items].join('');
}

function renderFilters(result: RunResult, columns: readonly CheckName[]): string {
  const methods = result.methods.map((method) => method.method);
  const verdicts = (['fail', 'not-proven', 'pass'] as const)
    .map((verdict) => `<option value="${verdict}">${VERDICT_NAMES[verdict]}</option>`)
    .join('');
  return [
    '<div class="filters">',
    `<label>method<select id="filter-method" data-testid="filter-method">${options(methods, 'all methods')}</select></label>`,
    `<label>check<select id="filter-check" data-testid="filter-check">${options(columns, 'all checks')}</select></label>`,
    `<label>verdict<select id="filter-verdict" data-testid="filter-verdict"><option value="">all verdicts</option>${verdicts}</select></label>`,
    '<button type="button" id="filter-reset" data-testid="filter-reset">reset</button>',
    `<span class="count" id="grid-count" data-testid="grid-count">${result.methods.length} of ${result.methods.length} methods shown</span>`,
    '</div>',
  ].join('\n');
}

function cellTitle(check: CheckName, cell: CheckResult): string {
  const parts = [
    `${check}: ${VERDICT_NAMES[cell.verdict]}`,
    `${plural(cell.exchanges, 'exchange')} judged`,
    `${plural(cell.failures, 'failure')}, ${plural(cell.warnings, 'warning')}`,
  ];
  if (cell.reason !== undefined) {
    parts.push(`reason: ${cell.reason}`);
  }
  return parts.join(' · ');
}

function renderCell(method: MethodResult, check: CheckName, anchors: GroupAnchors): string {
  const cell = findCell(method, check);
  if (cell === undefined) {
    return `<td data-check="${escapeHtml(check)}" data-column="${escapeHtml(check)}" data-verdict="none"><span class="cell v-none" title="not applied to this method">n/a</span></td>`;
  }
  const anchor = anchors.get(`${method.method}\u0000${check}`);
  const title = escapeHtml(cellTitle(check, cell));
  const label = VERDICT_CELL_TEXT[cell.verdict];
  const count =
    cell.failures > 0
      ? ` ${cell.failures}`
      : cell.warnings > 0
        ? ` <small>${cell.warnings} warn</small>`
        : '';
  const content =
    anchor === undefined
      ? `<span class="cell v-${cell.verdict}" title="${title}">${label}${count}</span>`
      : `<a class="cell v-${cell.verdict}" href="#${anchor}" title="${title}">${label}${count}</a>`;
  return `<td data-check="${escapeHtml(check)}" data-column="${escapeHtml(check)}" data-verdict="${cell.verdict}">${content}</td>`;
}

function renderRow(
  method: MethodResult,
  columns: readonly CheckName[],
  anchors: GroupAnchors,
): string {
  const extension = method.extension ? '<span class="tag">extension</span>' : '';
  const cells = columns.map((check) => renderCell(method, check, anchors)).join('');
  return [
    `<tr data-testid="grid-row" data-method="${escapeHtml(method.method)}">`,
    `<th class="method" scope="row">${escapeHtml(method.method)}${extension}</th>`,
    `<td class="exchanges">${formatCount(method.exchanges)}</td>`,
    cells,
    '</tr>',
  ].join('');
}

/** Renders the method x check grid with its filters. */
export function renderGrid(result: RunResult, anchors: GroupAnchors): string {
  const columns = checkColumns(result);
  const headings = columns
    .map(
      (check) =>
        `<th scope="col" data-column="${escapeHtml(check)}">${escapeBreakable(check)}</th>`,
    )
    .join('');
  const rows = result.methods.map((method) => renderRow(method, columns, anchors)).join('\n');
  return [
    '<section data-testid="grid-section">',
    '<h2>Verdicts per method and check</h2>',
    renderFilters(result, columns),
    '<div class="grid-wrap">',
    '<table class="grid" data-testid="grid">',
    `<thead><tr><th class="method" scope="col">method</th><th scope="col">exchanges</th>${headings}</tr></thead>`,
    `<tbody>${rows}</tbody>`,
    '</table>',
    '</div>',
    '<p class="legend">✓ pass: judged with evidence, no failure · ✗ FAIL: at least one failure (the number) · warn: warnings on inferred facts or open questions of the contract, which do not fail the run · ? n/p: not proven, no evidence either way · n/a: not applied to the method. Click a cell for its findings.</p>',
    '</section>',
  ].join('\n');
}
