import type { CheckName, Finding, Verdict } from '../checks/types.js';
import type { MethodResult, RunResult, SequenceResult } from '../run/results.js';
import type { Colours } from './colour.js';
import {
  CHECK_LABELS,
  cellKey,
  checkColumns,
  countVerdicts,
  findCell,
  formatCount,
  formatDuration,
  groupFindings,
  NOT_APPLICABLE_LABEL,
  notProvenCells,
  overallVerdict,
  plural,
  VERDICT_LABELS,
} from './format.js';
import { padEnd, padStart, toTerminalLine, truncate, wrapParts } from './terminal-text.js';

/** Findings shown per failing method x check; the rest are counted and left to the files. */
const FINDINGS_PER_CELL = 3;
const MAX_WARNINGS = 10;
const MAX_NOT_PROVEN = 20;
const LINE_WIDTH = 100;

/** Context of the closing summary: the reports folder that contains the full detail. */
export interface SummaryContext {
  reportsDir: string;
}

function paintVerdict(colours: Colours, verdict: Verdict, text: string): string {
  if (verdict === 'pass') {
    return colours.green(text);
  }
  if (verdict === 'fail') {
    return colours.bold(colours.red(text));
  }
  return colours.yellow(text);
}

function renderGrid(result: RunResult, colours: Colours): string[] {
  const columns = checkColumns(result);
  const methodWidth = Math.max(6, ...result.methods.map((method) => method.method.length));
  const widths = columns.map((check) =>
    Math.max((CHECK_LABELS[check] ?? check).length, 'FAIL'.length),
  );
  const header = [
    padEnd('method', methodWidth),
    padStart('exch', 7),
    ...columns.map((check, index) => padEnd(CHECK_LABELS[check] ?? check, widths[index] ?? 4)),
  ];
  const lines = [colours.bold(header.join('  ').trimEnd())];
  for (const method of result.methods) {
    lines.push(renderGridRow(method, columns, widths, methodWidth, colours));
  }
  const legend = columns.map((check) => `${CHECK_LABELS[check] ?? check} = ${check}`);
  lines.push(...wrapParts(legend, LINE_WIDTH).map((line) => colours.dim(line)));
  return lines;
}

function renderGridRow(
  method: MethodResult,
  columns: readonly CheckName[],
  widths: readonly number[],
  methodWidth: number,
  colours: Colours,
): string {
  const cells = columns.map((check, index) => {
    const cell = findCell(method, check);
    const width = widths[index] ?? 4;
    if (cell === undefined) {
      return colours.dim(padEnd(NOT_APPLICABLE_LABEL, width));
    }
    return paintVerdict(colours, cell.verdict, padEnd(VERDICT_LABELS[cell.verdict], width));
  });
  const name = padEnd(toTerminalLine(method.method), methodWidth);
  return [name, padStart(formatCount(method.exchanges), 7), ...cells].join('  ').trimEnd();
}

function renderSequences(result: RunResult, colours: Colours): string[] {
  if (result.sequences.length === 0) {
    return [];
  }
  const lines = ['', colours.bold('sequences')];
  for (const sequence of result.sequences) {
    const label = paintVerdict(
      colours,
      sequence.verdict,
      padEnd(VERDICT_LABELS[sequence.verdict], 4),
    );
    const message = sequence.message === undefined ? '' : `: ${toTerminalLine(sequence.message)}`;
    lines.push(`  ${label}  ${toTerminalLine(sequence.name)} (${sequence.check})${message}`);
  }
  return lines;
}

function renderFinding(finding: Finding, index: number, colours: Colours): string[] {
  const severity = finding.severity === 'warning' ? ' (warning)' : '';
  const pointer = finding.pointer === '' ? '(whole body)' : finding.pointer;
  return [
    `    ${index + 1}. ${toTerminalLine(finding.message)}${severity}`,
    `       expected: ${truncate(toTerminalLine(finding.expected), 200)}`,
    `       actual:   ${truncate(toTerminalLine(finding.actual), 200)}`,
    `       at: ${toTerminalLine(pointer)}  (case ${toTerminalLine(finding.caseId)}, exchange ${toTerminalLine(finding.exchangeId)})`,
    `       ${colours.cyan(toTerminalLine(finding.curl))}`,
  ];
}

function renderFailures(result: RunResult, context: SummaryContext, colours: Colours): string[] {
  const groups = groupFindings(result.findings);
  const lines: string[] = [];
  for (const method of result.methods) {
    for (const cell of method.checks) {
      if (cell.verdict !== 'fail') {
        continue;
      }
      const findings = groups.get(cellKey(method.method, cell.check)) ?? [];
      const count = plural(cell.failures, 'failure');
      lines.push(
        `  ${colours.bold(colours.red('FAIL'))} ${toTerminalLine(method.method)} · ${cell.check} (${count})`,
      );
      findings.slice(0, FINDINGS_PER_CELL).forEach((finding, index) => {
        lines.push(...renderFinding(finding, index, colours));
      });
      if (findings.length > FINDINGS_PER_CELL) {
        const more = findings.length - FINDINGS_PER_CELL;
        lines.push(colours.dim(`    … ${plural(more, 'more finding')} in ${context.reportsDir}`));
      }
    }
  }
  for (const sequence of result.sequences) {
    if (sequence.verdict === 'fail') {
      lines.push(...renderFailedSequence(sequence, colours));
    }
  }
  return lines.length === 0 ? [] : ['', colours.bold('failures'), ...lines];
}

function renderFailedSequence(sequence: SequenceResult, colours: Colours): string[] {
  const message = sequence.message === undefined ? '' : `: ${toTerminalLine(sequence.message)}`;
  const lines = [
    `  ${colours.bold(colours.red('FAIL'))} sequence ${toTerminalLine(sequence.name)} · ${sequence.check}${message}`,
  ];
  sequence.steps.forEach((step, index) => {
    const status = step.status === undefined ? 'no response' : `status ${step.status}`;
    lines.push(
      `    ${index + 1}. ${toTerminalLine(step.method)} as ${toTerminalLine(step.credential)}: ${status}`,
    );
    lines.push(`       ${colours.cyan(toTerminalLine(step.curl))}`);
  });
  return lines;
}

/** A cell with warnings: its total count and the message most of its kept warnings carry. */
interface WarningCell {
  method: string;
  check: string;
  count: number;
  message: string;
  otherMessages: boolean;
}

/** Collects the cells with warnings, counting every warning, not only the kept ones. */
function collectWarningCells(result: RunResult): WarningCell[] {
  const groups = groupFindings(result.findings);
  const cells: WarningCell[] = [];
  for (const method of result.methods) {
    for (const cell of method.checks) {
      // Warnings of a failing cell are already listed with its failures.
      if (cell.warnings === 0 || cell.verdict === 'fail') {
        continue;
      }
      const kept = (groups.get(cellKey(method.method, cell.check)) ?? []).filter(
        (finding) => finding.severity === 'warning',
      );
      const messages = new Map<string, number>();
      for (const finding of kept) {
        messages.set(finding.message, (messages.get(finding.message) ?? 0) + 1);
      }
      const [message] = [...messages.entries()].sort((left, right) => right[1] - left[1])[0] ?? [
        'see the report',
      ];
      cells.push({
        method: method.method,
        check: cell.check,
        count: cell.warnings,
        message,
        otherMessages: messages.size > 1,
      });
    }
  }
  return cells;
}

function renderWarnings(result: RunResult, colours: Colours): string[] {
  const cells = collectWarningCells(result);
  if (cells.length === 0) {
    return [];
  }
  const lines = [
    '',
    colours.bold(
      'warnings (inferred facts and open questions of the contract; they do not fail the run)',
    ),
  ];
  for (const cell of cells.slice(0, MAX_WARNINGS)) {
    const others = cell.otherMessages ? ' and others' : '';
    const times = cell.count > 1 ? ` (${cell.count} times)` : '';
    lines.push(
      `  ${colours.yellow('warn')} ${toTerminalLine(cell.method)} · ${cell.check}: ${toTerminalLine(cell.message)}${others}${times}`,
    );
  }
  if (cells.length > MAX_WARNINGS) {
    const more = cells.slice(MAX_WARNINGS).reduce((sum, cell) => sum + cell.count, 0);
    lines.push(colours.dim(`  … ${plural(more, 'more warning')}`));
  }
  return lines;
}

function renderNotProven(result: RunResult, colours: Colours): string[] {
  const cells = notProvenCells(result);
  if (cells.length === 0) {
    return [];
  }
  const lines = ['', colours.bold('not proven (no evidence either way)')];
  for (const { method, cell } of cells.slice(0, MAX_NOT_PROVEN)) {
    const reason = cell.reason === undefined ? '' : `: ${toTerminalLine(cell.reason)}`;
    lines.push(`  ${colours.yellow('n/p ')} ${toTerminalLine(method)} · ${cell.check}${reason}`);
  }
  if (cells.length > MAX_NOT_PROVEN) {
    lines.push(colours.dim(`  … ${plural(cells.length - MAX_NOT_PROVEN, 'more cell')}`));
  }
  return lines;
}

function describeCounts(counts: Record<Verdict, number>, noun: string): string {
  const total = counts.pass + counts.fail + counts['not-proven'];
  return `${plural(total, noun)}: ${counts.pass} pass, ${counts.fail} FAIL, ${counts['not-proven']} n/p`;
}

function renderTotals(result: RunResult, colours: Colours): string[] {
  const counts = countVerdicts(result);
  const parts = [
    describeCounts(counts.cells, 'cell'),
    describeCounts(counts.sequences, 'sequence'),
    plural(result.summary.exchanges, 'exchange'),
    `${plural(result.summary.failures, 'failure')}, ${plural(result.summary.warnings, 'warning')}`,
    formatDuration(result.durationMs),
  ];
  const lines = ['', ...wrapParts(parts, LINE_WIDTH)];
  lines.push(`seed ${result.seed} · reproduce: ${colours.cyan(toTerminalLine(result.command))}`);
  if (result.summary.budgetExhausted) {
    lines.push(colours.yellow('the request budget ran out before every planned request was sent'));
  }
  return lines;
}

function renderNotProvenBanner(result: RunResult, colours: Colours): string[] {
  const counts = countVerdicts(result);
  const cells = counts.cells['not-proven'];
  const sequences = counts.sequences['not-proven'];
  if (cells === 0 && sequences === 0 && !result.summary.notProven) {
    return [];
  }
  const total = counts.cells.pass + counts.cells.fail + cells;
  const text =
    `NOT PROVEN: ${cells} of ${total} method x check cells and ${plural(sequences, 'sequence')} ` +
    'have no evidence; a pass elsewhere says nothing about them';
  return [colours.bold(colours.yellow(text))];
}

function renderVerdictLine(result: RunResult, colours: Colours): string {
  const verdict = overallVerdict(result);
  if (verdict === 'fail') {
    return colours.bold(colours.red('RESULT: FAIL (the target broke the contract)'));
  }
  if (verdict === 'not-proven') {
    return colours.bold(colours.yellow('RESULT: pass, but not everything was proven'));
  }
  return colours.bold(colours.green('RESULT: pass'));
}

/**
 * Renders the closing summary: the method x check grid, the sequences, the failures with their
 * curl lines, the warnings and unproven cells, the counts with the seed and the command that
 * reproduces the run, and the overall result.
 */
export function renderConsoleSummary(
  result: RunResult,
  context: SummaryContext,
  colours: Colours,
): string[] {
  return [
    '',
    ...renderGrid(result, colours),
    ...renderSequences(result, colours),
    ...renderFailures(result, context, colours),
    ...renderWarnings(result, colours),
    ...renderNotProven(result, colours),
    ...renderTotals(result, colours),
    ...renderNotProvenBanner(result, colours),
    `reports: ${context.reportsDir}`,
    renderVerdictLine(result, colours),
  ];
}
