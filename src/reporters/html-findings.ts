import type { Finding, Verdict } from '../checks/types.js';
import type { RunResult, SequenceResult, WireObservation } from '../run/results.js';
import { cellKey, findCell, groupFindings, notProvenCells, plural } from './format.js';
import { escapeHtml } from './html-escape.js';
import type { GroupAnchors } from './html-sections.js';

/** Findings written out per method x check; the rest stay in results.json. */
const FINDINGS_PER_GROUP = 50;

const VERDICT_CLASS_TEXT: Record<Verdict, string> = {
  pass: 'pass',
  fail: 'FAIL',
  'not-proven': 'not proven',
};

interface FindingGroup {
  anchor: string;
  method: string;
  check: string;
  verdict: Verdict;
  /** The kept findings: at most a few per cell, though the counts below cover all of them. */
  findings: Finding[];
  failures: number;
  warnings: number;
}

function countSeverity(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((finding) => finding.severity === severity).length;
}

/** Groups the findings by method x check and gives each group an anchor id for the grid. */
export function collectFindingGroups(result: RunResult): FindingGroup[] {
  const groups: FindingGroup[] = [];
  for (const findings of groupFindings(result.findings).values()) {
    const first = findings[0];
    if (first === undefined) {
      continue;
    }
    const method = result.methods.find((candidate) => candidate.method === first.method);
    const cell = method === undefined ? undefined : findCell(method, first.check);
    const fallback = findings.some((finding) => finding.severity === 'failure') ? 'fail' : 'pass';
    groups.push({
      anchor: `findings-${groups.length + 1}`,
      method: first.method,
      check: first.check,
      verdict: cell?.verdict ?? fallback,
      findings,
      failures: cell?.failures ?? countSeverity(findings, 'failure'),
      warnings: cell?.warnings ?? countSeverity(findings, 'warning'),
    });
  }
  return groups;
}

/** Anchor ids of the finding groups, by method x check key. */
export function groupAnchors(groups: readonly FindingGroup[]): GroupAnchors {
  return new Map(groups.map((group) => [cellKey(group.method, group.check), group.anchor]));
}

function block(title: string, body: string, extra = ''): string {
  return `<div><div class="block-title">${escapeHtml(title)}${extra}</div>${body}</div>`;
}

function renderFacts(finding: Finding): string {
  const pointer = finding.pointer === '' ? '(whole body)' : finding.pointer;
  const facts: [string, string][] = [
    ['expected', finding.expected],
    ['actual', finding.actual],
    ['JSON pointer', pointer],
    ['case', finding.caseId],
    ['exchange', finding.exchangeId],
  ];
  if (finding.shrinkSteps !== undefined) {
    facts.push(['shrink steps', String(finding.shrinkSteps)]);
  }
  const rows = facts.map(
    ([name, value]) => `<dt>${escapeHtml(name)}</dt><dd class="mono">${escapeHtml(value)}</dd>`,
  );
  return `<dl class="kv" data-testid="finding-facts">${rows.join('')}</dl>`;
}

function renderExchange(finding: Finding, curlId: string): string[] {
  const parts: string[] = [];
  if (finding.requestBody !== undefined) {
    const request = `<pre data-testid="finding-request">${escapeHtml(finding.requestBody)}</pre>`;
    parts.push(block('request body', request));
  }

  const status =
    finding.responseStatus === undefined ? 'no response' : `status ${finding.responseStatus}`;
  const body = finding.responseBody === undefined ? '' : escapeHtml(finding.responseBody);
  parts.push(block(`response (${status})`, `<pre data-testid="finding-response">${body}</pre>`));

  const copy = ` <button type="button" class="copy" data-copy="${curlId}">copy</button>`;
  const curl = `<pre id="${curlId}" data-testid="finding-curl">${escapeHtml(finding.curl)}</pre>`;
  parts.push(block('curl', curl, copy));
  return parts;
}

function renderFinding(finding: Finding, curlId: string): string {
  const body = [renderFacts(finding), ...renderExchange(finding, curlId)];
  return [
    `<details class="finding" data-testid="finding" data-severity="${finding.severity}">`,
    '<summary>',
    `<span class="severity ${finding.severity}">${finding.severity}</span>`,
    `<span>${escapeHtml(finding.message)}</span>`,
    `<span class="muted mono">${escapeHtml(finding.caseId)}</span>`,
    '</summary>',
    `<div class="body">${body.join('\n')}</div>`,
    '</details>',
  ].join('\n');
}

function renderGroup(group: FindingGroup, groupIndex: number): string {
  const shown = group.findings.slice(0, FINDINGS_PER_GROUP);
  const findings = shown.map((finding, index) =>
    renderFinding(finding, `curl-${groupIndex}-${index}`),
  );
  if (group.findings.length > shown.length) {
    const more = group.findings.length - shown.length;
    findings.push(`<p class="muted">${plural(more, 'more finding')} in results.json</p>`);
  }
  const { failures, warnings } = group;
  return [
    `<div class="group" id="${group.anchor}" data-testid="finding-group" data-filterable data-method="${escapeHtml(group.method)}" data-check="${escapeHtml(group.check)}" data-verdict="${group.verdict}">`,
    `<h3><span class="cell v-${group.verdict}">${VERDICT_CLASS_TEXT[group.verdict]}</span>${escapeHtml(group.method)} · ${escapeHtml(group.check)} <span class="muted">${plural(failures, 'failure')}, ${plural(warnings, 'warning')}</span></h3>`,
    ...findings,
    '</div>',
  ].join('\n');
}

/** Renders every finding, grouped by method x check, each expandable to its request and curl. */
export function renderFindings(groups: readonly FindingGroup[]): string {
  const body =
    groups.length === 0
      ? '<p class="muted" data-testid="no-findings">No findings: no check reported a failure or a warning.</p>'
      : groups.map(renderGroup).join('\n');
  return [
    '<section data-testid="findings">',
    '<h2>Findings</h2>',
    '<div class="filters"><button type="button" id="expand-all">expand all</button><button type="button" id="collapse-all">collapse all</button></div>',
    body,
    '</section>',
  ].join('\n');
}

/** Renders the cells that are not proven, each with its reason. */
export function renderNotProven(result: RunResult): string {
  const cells = notProvenCells(result);
  if (cells.length === 0) {
    return '';
  }
  const rows = cells.map(
    ({ method, cell }) =>
      `<tr data-testid="not-proven-row" data-filterable data-method="${escapeHtml(method)}" data-check="${escapeHtml(cell.check)}" data-verdict="not-proven"><td class="mono">${escapeHtml(method)}</td><td>${escapeHtml(cell.check)}</td><td>${escapeHtml(cell.reason ?? 'no exchange was judged')}</td></tr>`,
  );
  return [
    '<section data-testid="not-proven">',
    '<h2>Not proven</h2>',
    '<table class="plain"><thead><tr><th>method</th><th>check</th><th>reason</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function renderSequence(sequence: SequenceResult): string {
  const steps = sequence.steps
    .map((step) => {
      const status = step.status === undefined ? 'no response' : `status ${step.status}`;
      return `<li><span class="mono">${escapeHtml(step.method)}</span> as ${escapeHtml(step.credential)}: ${escapeHtml(status)}<pre data-testid="sequence-curl">${escapeHtml(step.curl)}</pre></li>`;
    })
    .join('');
  const details =
    sequence.steps.length === 0
      ? ''
      : `<details class="finding"><summary>${plural(sequence.steps.length, 'step')}</summary><div class="body"><ol class="steps">${steps}</ol></div></details>`;
  return [
    `<tr data-testid="sequence-row" data-filterable data-check="${escapeHtml(sequence.check)}" data-verdict="${sequence.verdict}">`,
    `<td class="mono">${escapeHtml(sequence.name)}</td>`,
    `<td>${escapeHtml(sequence.check)}</td>`,
    `<td><span class="cell v-${sequence.verdict}">${VERDICT_CLASS_TEXT[sequence.verdict]}</span></td>`,
    `<td>${escapeHtml(sequence.message ?? '')}${details}</td>`,
    '</tr>',
  ].join('');
}

/** Renders the stateful sequences with their verdicts and, for failures, their steps. */
export function renderSequences(result: RunResult): string {
  if (result.sequences.length === 0) {
    return '';
  }
  return [
    '<section data-testid="sequences">',
    '<h2>Sequences</h2>',
    '<table class="plain"><thead><tr><th>sequence</th><th>check</th><th>verdict</th><th>detail</th></tr></thead>',
    `<tbody>${result.sequences.map(renderSequence).join('\n')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function hasObservation(observation: WireObservation): boolean {
  return (
    observation.undocumentedFields.length > 0 ||
    observation.undocumentedStatuses.length > 0 ||
    observation.undocumentedVariants.length > 0 ||
    observation.strayExtensionMarker
  );
}

function list(values: readonly (string | number)[]): string {
  return values.length === 0
    ? '<span class="muted">none</span>'
    : values.map((value) => `<code>${escapeHtml(String(value))}</code>`).join(' ');
}

/** Renders what the wire showed that the spec does not describe. */
export function renderObservations(result: RunResult): string {
  const observed = result.observations.filter(hasObservation);
  if (observed.length === 0) {
    return '';
  }
  const rows = observed.map(
    (observation) =>
      `<tr data-filterable data-method="${escapeHtml(observation.method)}"><td class="mono">${escapeHtml(observation.method)}</td><td>${list(observation.undocumentedFields)}</td><td>${list(observation.undocumentedStatuses)}</td><td>${list(observation.undocumentedVariants)}</td><td>${observation.strayExtensionMarker ? 'yes' : 'no'}</td></tr>`,
  );
  return [
    '<section data-testid="observations">',
    '<h2>Seen on the wire, not in the spec</h2>',
    '<table class="plain"><thead><tr><th>method</th><th>undocumented fields</th><th>statuses</th><th>error variants</th><th>stray x_extension</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody></table>`,
    '</section>',
  ].join('\n');
}
