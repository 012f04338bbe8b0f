import { stripVTControlCharacters } from 'node:util';
import junitModule from 'junit-report-builder';
import { scrubSecretShapes } from '../reporters/redaction.js';
import type { WireObservation } from '../run/results.js';
import type { SpecDifference } from './types.js';

// The package's runtime export is the builder itself, while its types declare a default export.
const junit = junitModule as unknown as typeof junitModule.default;

/** File names of the drift reports inside the reports folder. */
export const DRIFT_JSON_FILE = 'drift.json';
export const DRIFT_JUNIT_FILE = 'drift-junit.xml';

/** Version of the `drift.json` format. */
export const DRIFT_REPORT_FORMAT = 1;

/** One spec document of a check: where it came from, its hash and its `info.version`. */
export interface SpecSummary {
  source: string;
  hash: string;
  version?: string;
}

/** The content of `drift.json`. */
export interface DriftReport {
  format: typeof DRIFT_REPORT_FORMAT;
  checkedAt: string;
  /** Redacted target: base URL without user info, query or fragment, or a label. */
  target: string;
  pinned: SpecSummary;
  live: SpecSummary;
  /** Every method of the pinned or the live spec, sorted. */
  methods: string[];
  summary: { breaking: number; additive: number; methodsWithObservations: number };
  differences: SpecDifference[];
  observations: WireObservation[];
  /** The results file the wire observations came from, when one was read. */
  results?: { path: string; startedAt: string; target: string };
}

/** Removes ANSI escapes and secret-shaped text from a string bound for a report file. */
export function cleanText(text: string): string {
  return scrubSecretShapes(stripVTControlCharacters(text));
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return cleanText(value);
  }
  if (Array.isArray(value)) {
    return value.map(cleanValue);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanValue(item)]));
  }
  return value;
}

/** Renders `drift.json`, with every string cleaned of ANSI escapes and secret shapes. */
export function renderDriftJson(report: DriftReport): string {
  return `${JSON.stringify(cleanValue(report), null, 2)}\n`;
}

function describeObservation(observation: WireObservation): string {
  const list = (values: readonly (string | number)[]): string =>
    values.length === 0 ? 'none' : values.join(', ');
  return [
    `undocumented fields: ${list(observation.undocumentedFields)}`,
    `undocumented statuses: ${list(observation.undocumentedStatuses)}`,
    `undocumented variants: ${list(observation.undocumentedVariants)}`,
    `x_extension on a wire method: ${observation.strayExtensionMarker ? 'yes' : 'no'}`,
  ].join('\n');
}

function describeDifference(difference: SpecDifference): string {
  const lines = [`${difference.kind}: ${difference.message}`, `pointer: ${difference.pointer}`];
  if (difference.pinned !== undefined) {
    lines.push(`pinned: ${JSON.stringify(difference.pinned)}`);
  }
  if (difference.live !== undefined) {
    lines.push(`live: ${JSON.stringify(difference.live)}`);
  }
  return cleanText(lines.join('\n'));
}

/**
 * Renders `drift-junit.xml`: one test suite per method and one test case per difference. A
 * breaking difference is a failure. An additive difference passes, because a dated version may
 * change additively, and its test case carries the difference as system-out. A method without
 * differences gets one passing case, so that every compared method shows up. Wire observations
 * are a passing case with the observations as system-out: open objects make unknown fields
 * legal, so they are information for the API owner, not a verdict.
 */
export function renderDriftJunit(report: DriftReport): string {
  const builder = junit.newBuilder();
  const methods = [
    ...new Set([
      ...report.methods,
      ...report.differences.map(methodOf),
      ...report.observations.map((observation) => observation.method),
    ]),
  ].sort();
  for (const method of methods) {
    const suite = builder.testSuite().name(`drift ${method}`).timestamp(report.checkedAt).time(0);
    const className = `drift.${method}`;
    const differences = report.differences.filter((difference) => methodOf(difference) === method);
    for (const difference of differences) {
      const testCase = suite
        .testCase()
        .className(className)
        .name(cleanText(`${difference.change} ${difference.pointer}`))
        .time(0);
      if (difference.kind === 'breaking') {
        testCase.failure(cleanText(difference.message), difference.change);
      }
      testCase.standardOutput(describeDifference(difference));
    }
    if (differences.length === 0) {
      suite.testCase().className(className).name('matches the pinned spec').time(0);
    }
    const observation = report.observations.find((item) => item.method === method);
    if (observation) {
      suite
        .testCase()
        .className(className)
        .name('wire observations')
        .time(0)
        .standardOutput(cleanText(describeObservation(observation)));
    }
  }
  return builder.build();
}

function methodOf(difference: SpecDifference): string {
  return difference.method ?? '(document)';
}
