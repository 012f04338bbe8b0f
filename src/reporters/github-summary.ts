import type { Finding, Verdict } from '../checks/types.js';
import type { RunResult } from '../run/results.js';
import {
  cellKey,
  checkColumns,
  countVerdicts,
  findCell,
  formatCount,
  formatDuration,
  groupFindings,
  notProvenCells,
  overallVerdict,
  plural,
} from './format.js';

/** Failing cells written out in full; GitHub caps a job summary at 1 MiB. */
const MAX_FAILING_CELLS = 40;
const FINDINGS_PER_CELL = 3;
const MAX_NOT_PROVEN = 40;

const VERDICT_MARKS: Record<Verdict, string> = {
  pass: '✅ pass',
  fail: '❌ **FAIL**',
  'not-proven': '⚠️ n/p',
};

/** Escapes text for Markdown inline content and table cells, HTML included. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|#~]/g, '\\$&')
    .replace(/\r?\n|\r/g, ' ');
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Wraps text in a fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function heading(result: RunResult): string {
  const verdict = overallVerdict(result);
  const word =
    verdict === 'fail'
      ? '❌ FAIL'
      : verdict === 'not-proven'
        ? '⚠️ pass, not all proven'
        : '✅ pass';
  return `## partly-conformance: ${word}`;
}

function runTable(result: RunResult): string[] {
  const counts = countVerdicts(result);
  const rows: [string, string][] = [
    ['target', escapeMarkdown(result.target)],
    ['profile', escapeMarkdown(result.profile)],
    ['seed', String(result.seed)],
    ['spec', `${escapeMarkdown(result.specVersion)} (${escapeMarkdown(result.specHash)})`],
    ['harness', escapeMarkdown(result.harnessVersion)],
    ['duration', formatDuration(result.durationMs)],
    ['exchanges', formatCount(result.summary.exchanges)],
    [
      'cells',
      `${counts.cells.pass} pass, ${counts.cells.fail} fail, ${counts.cells['not-proven']} not proven`,
    ],
    [
      'sequences',
      `${counts.sequences.pass} pass, ${counts.sequences.fail} fail, ${counts.sequences['not-proven']} not proven`,
    ],
    [
      'findings',
      `${plural(result.summary.failures, 'failure')}, ${plural(result.summary.warnings, 'warning')}`,
    ],
  ];
  return ['| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)];
}

function notProvenNote(result: RunResult): string[] {
  const cells = notProvenCells(result);
  const sequences = result.sequences.filter((sequence) => sequence.verdict === 'not-proven');
  if (cells.length === 0 && sequences.length === 0) {
    return [];
  }
  const lines = [
    '> [!WARNING]',
    `> **Not proven:** ${plural(cells.length, 'method x check cell')} and ${plural(sequences.length, 'sequence')} have no evidence; a pass elsewhere says nothing about them.`,
  ];
  for (const { method, cell } of cells.slice(0, MAX_NOT_PROVEN)) {
    lines.push(
      `> - ${escapeMarkdown(method)} ${cell.check}: ${escapeMarkdown(cell.reason ?? 'no exchange was judged')}`,
    );
  }
  if (cells.length > MAX_NOT_PROVEN) {
    lines.push(`> - … ${plural(cells.length - MAX_NOT_PROVEN, 'more cell')}`);
  }
  for (const sequence of sequences) {
    lines.push(
      `> - sequence ${escapeMarkdown(sequence.name)}: ${escapeMarkdown(sequence.message ?? 'could not run')}`,
    );
  }
  return lines;
}

function verdictGrid(result: RunResult): string[] {
  const columns = checkColumns(result);
  const lines = [
    `| method | exchanges | ${columns.join(' | ')} |`,
    `|---|--:|${columns.map(() => ':-:').join('|')}|`,
  ];
  for (const method of result.methods) {
    const cells = columns.map((check) => {
      const cell = findCell(method, check);
      return cell === undefined ? '–' : VERDICT_MARKS[cell.verdict];
    });
    lines.push(
      `| ${escapeMarkdown(method.method)} | ${formatCount(method.exchanges)} | ${cells.join(' | ')} |`,
    );
  }
  return lines;
}

function sequenceTable(result: RunResult): string[] {
  if (result.sequences.length === 0) {
    return [];
  }
  const lines = [
    '### Sequences',
    '',
    '| sequence | check | verdict | message |',
    '|---|---|---|---|',
  ];
  for (const sequence of result.sequences) {
    const message = escapeMarkdown(sequence.message ?? '');
    lines.push(
      `| ${escapeMarkdown(sequence.name)} | ${sequence.check} | ${VERDICT_MARKS[sequence.verdict]} | ${message} |`,
    );
  }
  return [...lines, ''];
}

function describeFinding(finding: Finding): string[] {
  const pointer = finding.pointer === '' ? '(whole body)' : finding.pointer;
  return [
    `- ${escapeMarkdown(finding.message)}: expected ${escapeMarkdown(finding.expected)}, actual ${escapeMarkdown(finding.actual)}, at ${escapeMarkdown(pointer)}`,
    '',
    codeBlock(finding.curl, 'sh'),
    '',
  ];
}

function failureDetails(result: RunResult): string[] {
  const groups = groupFindings(result.findings);
  const failing = result.methods.flatMap((method) =>
    method.checks
      .filter((cell) => cell.verdict === 'fail')
      .map((cell) => ({ method: method.method, cell })),
  );
  if (failing.length === 0) {
    return [];
  }
  const lines = ['### Failures', ''];
  for (const { method, cell } of failing.slice(0, MAX_FAILING_CELLS)) {
    const findings = groups.get(cellKey(method, cell.check)) ?? [];
    lines.push('<details>');
    const title = `${method} · ${cell.check} (${plural(cell.failures, 'failure')})`;
    lines.push(`<summary>${escapeHtmlText(title)}</summary>`, '');
    for (const finding of findings.slice(0, FINDINGS_PER_CELL)) {
      lines.push(...describeFinding(finding));
    }
    if (findings.length > FINDINGS_PER_CELL) {
      lines.push(
        `… ${plural(findings.length - FINDINGS_PER_CELL, 'more finding')} in the reports artifact`,
        '',
      );
    }
    lines.push('</details>', '');
  }
  if (failing.length > MAX_FAILING_CELLS) {
    lines.push(
      `… ${plural(failing.length - MAX_FAILING_CELLS, 'more failing cell')} in the reports artifact`,
      '',
    );
  }
  return lines;
}

/** Renders the Markdown job summary of a run for `GITHUB_STEP_SUMMARY`. */
export function renderJobSummary(result: RunResult): string {
  const lines = [
    heading(result),
    '',
    ...runTable(result),
    '',
    ...notProvenNote(result),
    '',
    '### Verdicts',
    '',
    ...verdictGrid(result),
    '',
    ...sequenceTable(result),
    ...failureDetails(result),
    '### Reproduce',
    '',
    codeBlock(result.command, 'sh'),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
