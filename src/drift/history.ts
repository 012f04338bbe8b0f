import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult, WireObservation } from '../run/results.js';
import type { SpecDifference } from './types.js';

/** Version of the history line format; a reader skips lines of another version. */
export const HISTORY_FORMAT = 1;

/** Folder of the history files inside the reports folder. */
export const HISTORY_FOLDER = 'history';

export interface FindingCounts {
  failures: number;
  warnings: number;
}

export interface DriftCounts {
  additive: number;
  breaking: number;
}

export interface WireCounts {
  fields: number;
  statuses: number;
  variants: number;
  strayExtensionMarker: boolean;
}

/**
 * One line of `reports/history/<target>.jsonl`: a run or a drift check of one target, with its
 * counts per method. Maps hold only the methods that the run or check looked at, so a method
 * missing from a map was not measured that time, while a zero was measured.
 */
export interface HistoryRecord {
  format: typeof HISTORY_FORMAT;
  /** ISO 8601 time of the run or check, UTC. */
  time: string;
  kind: 'run' | 'drift';
  /** Base URL of the target without user info, query or fragment; or a label. */
  target: string;
  /** SHA-256 of the pinned spec, hex. */
  specHash: string;
  /**
   * Start of the run whose results gave `findings` and `wire`, when a drift check read them from
   * a results file. The trend counts them on that run's night, not on the night of the check.
   */
  resultsTime?: string;
  /** Findings per method: from the run, or from the results file a drift check read. */
  findings?: Record<string, FindingCounts>;
  /** Spec differences per method; drift checks only. */
  drift?: Record<string, DriftCounts>;
  /** Counts of the wire observations per method. */
  wire?: Record<string, WireCounts>;
}

/**
 * Removes user info, query and fragment from a URL target, so that no credential or token reaches
 * a report. A target that is not a URL, such as a label or a file path, is returned trimmed.
 */
export function redactTarget(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return target.trim();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return target.trim();
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * Turns a target into a file name: readable letters and digits of the redacted target, then
 * 8 hex digits of its hash, so that two targets that read alike still get their own file.
 */
export function targetSlug(target: string): string {
  const redacted = redactTarget(target);
  const readable = redacted
    .replace(/^[a-z]+:\/\//i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const digest = createHash('sha256').update(redacted).digest('hex').slice(0, 8);
  return `${readable || 'target'}-${digest}`;
}

/** Returns the path of a target's history file inside the reports folder. */
export function historyPath(reportsDirectory: string, target: string): string {
  return join(reportsDirectory, HISTORY_FOLDER, `${targetSlug(target)}.jsonl`);
}

/**
 * Appends one record as a JSON line to the target's history file (one file per target, created
 * when missing) and returns the file's path. The target is redacted again here, so a caller's
 * mistake cannot write a credential.
 */
export async function appendHistory(
  reportsDirectory: string,
  record: HistoryRecord,
): Promise<string> {
  const target = redactTarget(record.target);
  const path = historyPath(reportsDirectory, target);
  await mkdir(join(reportsDirectory, HISTORY_FOLDER), { recursive: true });
  await appendFile(path, `${JSON.stringify({ ...record, target })}\n`, 'utf8');
  return path;
}

function isHistoryRecord(value: unknown): value is HistoryRecord {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Partial<HistoryRecord>;
  return (
    record.format === HISTORY_FORMAT &&
    typeof record.time === 'string' &&
    !Number.isNaN(Date.parse(record.time)) &&
    (record.kind === 'run' || record.kind === 'drift')
  );
}

function parseLine(line: string): HistoryRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isHistoryRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a target's history, oldest first. Lines that are not records of this format (a torn
 * last line, a hand edit) are skipped and counted.
 */
export async function readHistory(
  reportsDirectory: string,
  target: string,
): Promise<{ records: HistoryRecord[]; skipped: number }> {
  let text: string;
  try {
    text = await readFile(historyPath(reportsDirectory, target), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { records: [], skipped: 0 };
    }
    throw error;
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const records = lines.map(parseLine).filter((record) => record !== undefined);
  records.sort((first, second) => Date.parse(first.time) - Date.parse(second.time));
  return { records, skipped: lines.length - records.length };
}

/** Counts findings per method from a run's method results. */
export function countFindings(result: Pick<RunResult, 'methods'>): Record<string, FindingCounts> {
  const counts: Record<string, FindingCounts> = {};
  for (const method of result.methods) {
    counts[method.method] = {
      failures: method.checks.reduce((sum, check) => sum + check.failures, 0),
      warnings: method.checks.reduce((sum, check) => sum + check.warnings, 0),
    };
  }
  return counts;
}

/** Counts the wire observations per method; `methods` get a zero entry when nothing was seen. */
export function countWire(
  observations: readonly WireObservation[],
  methods: Iterable<string> = [],
): Record<string, WireCounts> {
  const counts: Record<string, WireCounts> = {};
  for (const method of methods) {
    counts[method] = { fields: 0, statuses: 0, variants: 0, strayExtensionMarker: false };
  }
  for (const observation of observations) {
    counts[observation.method] = {
      fields: observation.undocumentedFields.length,
      statuses: observation.undocumentedStatuses.length,
      variants: observation.undocumentedVariants.length,
      strayExtensionMarker: observation.strayExtensionMarker,
    };
  }
  return counts;
}

/** Counts spec differences per method; `methods` get a zero entry when they have none. */
export function countDrift(
  differences: readonly SpecDifference[],
  methods: Iterable<string> = [],
): Record<string, DriftCounts> {
  const counts: Record<string, DriftCounts> = {};
  for (const method of methods) {
    counts[method] = { additive: 0, breaking: 0 };
  }
  for (const difference of differences) {
    const method = difference.method ?? '(document)';
    counts[method] ??= { additive: 0, breaking: 0 };
    counts[method][difference.kind] += 1;
  }
  return counts;
}

/**
 * Builds the history record of a run from its results, for the run command to append with
 * `appendHistory`. The time is the run's start.
 */
export function historyRecordFromRun(result: RunResult): HistoryRecord {
  const methods = result.methods.map((method) => method.method);
  return {
    format: HISTORY_FORMAT,
    time: new Date(result.startedAt).toISOString(),
    kind: 'run',
    target: redactTarget(result.target),
    specHash: result.specHash,
    findings: countFindings(result),
    wire: countWire(result.observations, methods),
  };
}
