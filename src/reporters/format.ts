import { EXCHANGE_CHECKS } from '../checks/index.js';
import type { CheckName, Finding, Verdict } from '../checks/types.js';
import type { CheckResult, MethodResult, RunResult, SequenceResult } from '../run/results.js';

/** Every check in report order: the exchange checks, then the sequence checks. */
export const CHECK_ORDER: readonly CheckName[] = [
  ...EXCHANGE_CHECKS.map((check) => check.name),
  'lifecycle',
  'isolation',
];

/** Column headings short enough for a terminal grid; the legend spells them out. */
export const CHECK_LABELS: Record<CheckName, string> = {
  'response-schema': 'schema',
  'status-code': 'status',
  'content-type': 'ctype',
  'not-server-error': '5xx',
  'error-tagged': 'tagged',
  'error-bare-string': 'bare',
  'no-offer-currency': 'curr',
  'extension-marker': 'ext',
  'negative-rejected': 'neg',
  'positive-accepted': 'pos',
  auth: 'auth',
  lifecycle: 'life',
  isolation: 'iso',
};

/** Verdict words that read without colour. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  pass: 'pass',
  fail: 'FAIL',
  'not-proven': 'n/p',
};

/** Text for a method x check pair the run did not judge at all. */
export const NOT_APPLICABLE_LABEL = '-';

/** Checks that appear in at least one method of the run, in report order. */
export function checkColumns(result: RunResult): CheckName[] {
  const present = new Set<CheckName>();
  for (const method of result.methods) {
    for (const cell of method.checks) {
      present.add(cell.check);
    }
  }
  const known = CHECK_ORDER.filter((check) => present.has(check));
  const unknown = [...present].filter((check) => !CHECK_ORDER.includes(check)).sort();
  return [...known, ...unknown];
}

/** Finds the cell of `method` for `check`; undefined when the run did not judge that pair. */
export function findCell(method: MethodResult, check: CheckName): CheckResult | undefined {
  return method.checks.find((cell) => cell.check === check);
}

/** Key of a method x check pair, for grouping findings by cell. */
export function cellKey(method: string, check: string): string {
  return `${method}\u0000${check}`;
}

/** Groups findings by method x check, keeping their order inside each group. */
export function groupFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = cellKey(finding.method, finding.check);
    const group = groups.get(key) ?? [];
    group.push(finding);
    groups.set(key, group);
  }
  return groups;
}

/** Counts of method x check cells and sequences per verdict. */
export interface VerdictCounts {
  cells: Record<Verdict, number>;
  sequences: Record<Verdict, number>;
}

function emptyCounts(): Record<Verdict, number> {
  return { pass: 0, fail: 0, 'not-proven': 0 };
}

/** Counts verdicts from the cells and sequences themselves (not from the stored summary). */
export function countVerdicts(result: RunResult): VerdictCounts {
  const cells = emptyCounts();
  for (const method of result.methods) {
    for (const cell of method.checks) {
      cells[cell.verdict] += 1;
    }
  }
  const sequences = emptyCounts();
  for (const sequence of result.sequences) {
    sequences[sequence.verdict] += 1;
  }
  return { cells, sequences };
}

/** Decides the verdict of the whole run: any failure fails it, then anything unproven, else pass. */
export function overallVerdict(result: RunResult): Verdict {
  const counts = countVerdicts(result);
  if (counts.cells.fail > 0 || counts.sequences.fail > 0) {
    return 'fail';
  }
  if (counts.cells['not-proven'] > 0 || counts.sequences['not-proven'] > 0) {
    return 'not-proven';
  }
  return 'pass';
}

/** Cells that are not proven, with their method, for banners and reasons. */
export function notProvenCells(result: RunResult): { method: string; cell: CheckResult }[] {
  return result.methods.flatMap((method) =>
    method.checks
      .filter((cell) => cell.verdict === 'not-proven')
      .map((cell) => ({ method: method.method, cell })),
  );
}

/** Sequences with the given verdict. */
export function sequencesWith(result: RunResult, verdict: Verdict): SequenceResult[] {
  return result.sequences.filter((sequence) => sequence.verdict === verdict);
}

/** Formats a duration in milliseconds as `850 ms`, `12.3 s` or `4 min 05 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) {
    return `${Math.round(milliseconds)} ms`;
  }
  if (milliseconds < 60_000) {
    return `${(milliseconds / 1000).toFixed(1)} s`;
  }
  const totalSeconds = Math.round(milliseconds / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return `${minutes} min ${seconds} s`;
}

/** Formats a count with thousands separators that do not depend on the locale. */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 failure`, `2 failures`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : pluralNoun}`;
}

/** Describes the run's shard, or returns undefined for a whole run. */
export function describeShard(result: RunResult): string | undefined {
  return result.shard === undefined ? undefined : `${result.shard.index}/${result.shard.count}`;
}
