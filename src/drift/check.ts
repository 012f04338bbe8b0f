import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULTS } from '../config/defaults.js';
import { HarnessError } from '../errors.js';
import { DRIFT_HTML_FILE, renderDriftHtml } from './drift-html.js';
import {
  DRIFT_JSON_FILE,
  DRIFT_JUNIT_FILE,
  DRIFT_REPORT_FORMAT,
  type DriftReport,
  renderDriftJson,
  renderDriftJunit,
} from './drift-report.js';
import {
  appendHistory,
  countDrift,
  countWire,
  HISTORY_FORMAT,
  type HistoryRecord,
  readHistory,
  redactTarget,
} from './history.js';
import { type DriftSpec, liveSpecUrl, loadDriftSpec } from './load-spec.js';
import { fileExists, type RunResultsSummary, readRunResults } from './results-file.js';
import { diffSpecs, listComparedMethods } from './spec-diff.js';
import { buildTrend } from './trend.js';

/** Options of one drift check; the command fills them from its flags. */
export interface DriftCheckOptions {
  /** Base URL of the deployment; its live spec is `<target>/openapi.json`. */
  target?: string;
  /** File path or URL of the live spec, in place of a target. */
  liveSpec?: string;
  /** File path or URL of the pinned spec. Default: `spec/partly-2026-01.openapi.json`. */
  spec?: string;
  /** A run's `results.json` to take wire observations from. Default: `<reports>/results.json` if present. */
  results?: string;
  /** Folder of the reports. Default: `reports`. */
  reports?: string;
  /** Clock of the check. Default: the system clock. */
  now?: () => Date;
}

/** Outcome of a drift check: what it found and the files it wrote. */
export interface DriftCheckResult {
  report: DriftReport;
  files: { json: string; junit: string; html: string; history: string };
  /** The results file the wire observations came from, when one was read. */
  results: RunResultsSummary | undefined;
  /** 1 when any difference is breaking, else 0. */
  exitCode: 0 | 1;
}

function invalidOption(message: string): HarnessError {
  return new HarnessError('HARNESS_CONFIG_INVALID', message);
}

/** Returns where the live spec comes from: the `--live-spec` given, or `<target>/openapi.json`. */
export function resolveLiveSource(options: Pick<DriftCheckOptions, 'target' | 'liveSpec'>): string {
  if (options.target !== undefined && options.liveSpec !== undefined) {
    throw invalidOption('Give either --target or --live-spec, not both');
  }
  if (options.liveSpec !== undefined) {
    return options.liveSpec;
  }
  if (options.target === undefined) {
    throw invalidOption(
      'The drift command needs a live spec: give --target URL (its /openapi.json is read) or --live-spec PATH|URL',
    );
  }
  if (!/^https?:\/\//i.test(options.target)) {
    throw invalidOption(
      `--target must be an http(s) URL, received ${JSON.stringify(redactTarget(options.target))}`,
    );
  }
  return liveSpecUrl(options.target);
}

async function loadResults(
  options: DriftCheckOptions,
  reports: string,
): Promise<RunResultsSummary | undefined> {
  if (options.results !== undefined) {
    return readRunResults(options.results);
  }
  const fallback = join(reports, 'results.json');
  return (await fileExists(fallback)) ? readRunResults(fallback) : undefined;
}

function targetLabel(
  options: DriftCheckOptions,
  live: DriftSpec,
  results: RunResultsSummary | undefined,
): string {
  if (options.target !== undefined) {
    return redactTarget(options.target);
  }
  if (results !== undefined && results.target !== '') {
    return redactTarget(results.target);
  }
  return live.source;
}

function summarizeSpec(spec: DriftSpec): DriftReport['pinned'] {
  const { document: _document, ...summary } = spec;
  return summary;
}

function buildReport(
  checkedAt: string,
  target: string,
  specs: { pinned: DriftSpec; live: DriftSpec },
  results: RunResultsSummary | undefined,
): DriftReport {
  const differences = diffSpecs(specs.pinned.document, specs.live.document);
  const observations = results?.observations ?? [];
  const report: DriftReport = {
    format: DRIFT_REPORT_FORMAT,
    checkedAt,
    target,
    pinned: summarizeSpec(specs.pinned),
    live: summarizeSpec(specs.live),
    methods: listComparedMethods(specs.pinned.document, specs.live.document),
    summary: {
      breaking: differences.filter((difference) => difference.kind === 'breaking').length,
      additive: differences.filter((difference) => difference.kind === 'additive').length,
      methodsWithObservations: observations.length,
    },
    differences,
    observations,
  };
  if (results) {
    report.results = {
      path: results.path,
      startedAt: results.startedAt,
      target: redactTarget(results.target),
    };
  }
  return report;
}

function historyRecord(report: DriftReport, results: RunResultsSummary | undefined): HistoryRecord {
  const record: HistoryRecord = {
    format: HISTORY_FORMAT,
    time: report.checkedAt,
    kind: 'drift',
    target: report.target,
    specHash: report.pinned.hash,
    drift: countDrift(report.differences, report.methods),
  };
  if (results) {
    record.resultsTime = results.startedAt;
    record.findings = results.findings;
    record.wire = countWire(results.observations, results.methods);
  }
  return record;
}

async function writeReports(
  reports: string,
  report: DriftReport,
  results: RunResultsSummary | undefined,
): Promise<DriftCheckResult['files']> {
  await mkdir(reports, { recursive: true });
  const json = join(reports, DRIFT_JSON_FILE);
  const junit = join(reports, DRIFT_JUNIT_FILE);
  const html = join(reports, DRIFT_HTML_FILE);
  await writeFile(json, renderDriftJson(report), 'utf8');
  await writeFile(junit, renderDriftJunit(report), 'utf8');
  const history = await appendHistory(reports, historyRecord(report, results));
  const { records, skipped } = await readHistory(reports, report.target);
  const page = renderDriftHtml({
    target: report.target,
    generatedAt: report.checkedAt,
    pinnedSource: report.pinned.source,
    liveSource: report.live.source,
    differences: report.differences,
    observations: report.observations,
    trend: buildTrend(records),
    skippedLines: skipped,
  });
  await writeFile(html, page, 'utf8');
  return { json, junit, html, history };
}

/**
 * Runs one drift check: loads the pinned and the live spec, compares them, takes the wire
 * observations of a run's results file, and writes `drift.json`, `drift-junit.xml`, a history
 * line and `drift.html`. A spec or results file that cannot be loaded, or bad options, raise a
 * HarnessError. Otherwise the exit code is 1 on any breaking difference and 0 when there is none.
 */
export async function runDriftCheck(options: DriftCheckOptions): Promise<DriftCheckResult> {
  const liveSource = resolveLiveSource(options);
  const reports = options.reports ?? DEFAULTS.reports;
  const checkedAt = (options.now ?? (() => new Date()))().toISOString();

  const pinned = await loadDriftSpec(options.spec ?? DEFAULTS.spec);
  const live = await loadDriftSpec(liveSource);
  const results = await loadResults(options, reports);

  const target = targetLabel(options, live, results);
  const report = buildReport(checkedAt, target, { pinned, live }, results);
  const files = await writeReports(reports, report, results);
  return { report, files, results, exitCode: report.summary.breaking > 0 ? 1 : 0 };
}
