import { readFile } from 'node:fs/promises';
import type { Verdict } from '../checks/types.js';
import { HarnessError } from '../errors.js';
import { summarizeRun } from './build-result.js';
import type {
  CheckResult,
  MethodResult,
  RunResult,
  SequenceResult,
  WireObservation,
} from './results.js';

/** A run's result with the file it was read from, for error messages. */
export interface LoadedRunResult {
  source: string;
  result: RunResult;
}

const STRING_FIELDS = [
  'harnessVersion',
  'specVersion',
  'specHash',
  'target',
  'profile',
  'command',
  'startedAt',
];
const ARRAY_FIELDS = ['methods', 'sequences', 'findings', 'observations'];

function invalid(message: string, cause?: unknown): HarnessError {
  return new HarnessError(
    'HARNESS_RESULTS_INVALID',
    message,
    cause === undefined ? undefined : { cause },
  );
}

/** Checks the shape of a parsed results.json far enough for merging; throws on the first gap. */
export function assertRunResult(value: unknown, source: string): asserts value is RunResult {
  const hint = 'pass the results.json written by partly-conformance run';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid(`Results file ${source} does not contain a JSON object; ${hint}`);
  }
  const record = value as Record<string, unknown>;
  for (const field of STRING_FIELDS) {
    if (typeof record[field] !== 'string') {
      throw invalid(`Results file ${source} is missing the string field ${field}; ${hint}`);
    }
  }
  for (const field of ['seed', 'durationMs']) {
    if (typeof record[field] !== 'number') {
      throw invalid(`Results file ${source} is missing the number field ${field}; ${hint}`);
    }
  }
  for (const field of ARRAY_FIELDS) {
    if (!Array.isArray(record[field])) {
      throw invalid(`Results file ${source} is missing the array field ${field}; ${hint}`);
    }
  }
  if (record.summary === null || typeof record.summary !== 'object') {
    throw invalid(`Results file ${source} is missing the summary object; ${hint}`);
  }
}

/** Reads and checks one results.json. */
export async function loadRunResult(path: string): Promise<LoadedRunResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`Cannot read results file ${path}: ${reason}`, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`Results file ${path} is not valid JSON: ${reason}`, error);
  }
  assertRunResult(value, path);
  return { source: path, result: value };
}

const MATCHING_FIELDS = [
  'seed',
  'specHash',
  'target',
  'profile',
  'strict',
  'harnessVersion',
] as const;

function assertSameRun(inputs: readonly LoadedRunResult[]): void {
  const [first, ...rest] = inputs;
  if (first === undefined) {
    throw invalid('No results file to merge; pass the results.json of every shard');
  }
  for (const input of rest) {
    for (const field of MATCHING_FIELDS) {
      const expected = first.result[field];
      const actual = input.result[field];
      if (expected !== actual) {
        throw invalid(
          `Shard results disagree on ${field}: ${first.source} has ${JSON.stringify(expected)}, ` +
            `${input.source} has ${JSON.stringify(actual)}; merge only the shards of one run`,
        );
      }
    }
  }
}

function assertCompleteShards(inputs: readonly LoadedRunResult[]): void {
  // One whole run passes through unchanged; a single shard is a missing-shard error below.
  if (inputs.length === 1 && inputs[0]?.result.shard === undefined) {
    return;
  }
  const whole = inputs.find((input) => input.result.shard === undefined);
  if (whole !== undefined) {
    throw invalid(
      `Results file ${whole.source} is a whole run, not a shard; merge shard results only`,
    );
  }
  const count = inputs[0]?.result.shard?.count ?? 0;
  const seen = new Map<number, string>();
  for (const { source, result } of inputs) {
    const shard = result.shard as { index: number; count: number };
    if (shard.count !== count) {
      throw invalid(
        `Shard results disagree on shard count: ${inputs[0]?.source} is one of ${count}, ${source} one of ${shard.count}`,
      );
    }
    const earlier = seen.get(shard.index);
    if (earlier !== undefined) {
      throw invalid(`Shard ${shard.index}/${count} is given twice: ${earlier} and ${source}`);
    }
    seen.set(shard.index, source);
  }
  for (let index = 1; index <= count; index += 1) {
    if (!seen.has(index)) {
      throw invalid(`Shard ${index}/${count} is missing; pass the results.json of every shard`);
    }
  }
}

function mergeCell(left: CheckResult, right: CheckResult): CheckResult {
  const verdict = mergeCellVerdict(left.verdict, right.verdict);
  const merged: CheckResult = {
    check: left.check,
    verdict,
    exchanges: left.exchanges + right.exchanges,
    failures: left.failures + right.failures,
    warnings: left.warnings + right.warnings,
  };
  if (verdict === 'not-proven') {
    const reasons = new Set([left.reason, right.reason].filter((reason) => reason !== undefined));
    if (reasons.size > 0) {
      merged.reason = [...reasons].join('; ');
    }
  }
  return merged;
}

/** Combines two shard verdicts: a failure anywhere fails, else evidence anywhere passes. */
function mergeCellVerdict(left: Verdict, right: Verdict): Verdict {
  if (left === 'fail' || right === 'fail') {
    return 'fail';
  }
  if (left === 'pass' || right === 'pass') {
    return 'pass';
  }
  return 'not-proven';
}

function mergeMethod(left: MethodResult, right: MethodResult): MethodResult {
  const checks = left.checks.map((cell) => ({ ...cell }));
  for (const cell of right.checks) {
    const index = checks.findIndex((candidate) => candidate.check === cell.check);
    const existing = checks[index];
    if (existing === undefined) {
      checks.push({ ...cell });
    } else {
      checks[index] = mergeCell(existing, cell);
    }
  }
  return {
    method: left.method,
    extension: left.extension || right.extension,
    exchanges: left.exchanges + right.exchanges,
    checks,
  };
}

function mergeMethods(results: readonly RunResult[]): MethodResult[] {
  const byName = new Map<string, MethodResult>();
  for (const method of results.flatMap((result) => result.methods)) {
    const existing = byName.get(method.method);
    byName.set(
      method.method,
      existing === undefined
        ? mergeMethod({ ...method, checks: [], exchanges: 0 }, method)
        : mergeMethod(existing, method),
    );
  }
  return [...byName.values()].sort((left, right) => left.method.localeCompare(right.method));
}

const SEQUENCE_RANK: Record<Verdict, number> = { fail: 2, pass: 1, 'not-proven': 0 };

/** Keeps one entry per sequence name. Where shards disagree the failure wins, then the pass. */
function mergeSequences(results: readonly RunResult[]): SequenceResult[] {
  const byName = new Map<string, SequenceResult>();
  for (const sequence of results.flatMap((result) => result.sequences)) {
    const existing = byName.get(sequence.name);
    if (
      existing === undefined ||
      SEQUENCE_RANK[sequence.verdict] > SEQUENCE_RANK[existing.verdict]
    ) {
      byName.set(sequence.name, sequence);
    }
  }
  return [...byName.values()];
}

function union<T>(left: readonly T[], right: readonly T[]): T[] {
  return [...new Set([...left, ...right])];
}

function mergeObservations(results: readonly RunResult[]): WireObservation[] {
  const byMethod = new Map<string, WireObservation>();
  for (const observation of results.flatMap((result) => result.observations)) {
    const existing = byMethod.get(observation.method);
    if (existing === undefined) {
      byMethod.set(observation.method, { ...observation });
      continue;
    }
    byMethod.set(observation.method, {
      method: observation.method,
      undocumentedFields: union(existing.undocumentedFields, observation.undocumentedFields).sort(),
      undocumentedStatuses: union(
        existing.undocumentedStatuses,
        observation.undocumentedStatuses,
      ).sort((left, right) => left - right),
      undocumentedVariants: union(
        existing.undocumentedVariants,
        observation.undocumentedVariants,
      ).sort(),
      strayExtensionMarker: existing.strayExtensionMarker || observation.strayExtensionMarker,
    });
  }
  return [...byMethod.values()];
}

function timeSpan(results: readonly RunResult[]): { startedAt: string; durationMs: number } {
  const starts = results.map((result) => Date.parse(result.startedAt));
  const ends = results.map((result, index) => (starts[index] ?? 0) + result.durationMs);
  const start = Math.min(...starts);
  return { startedAt: new Date(start).toISOString(), durationMs: Math.max(...ends) - start };
}

/**
 * Merges the results of the shards of one run into the result of the whole run. Throws
 * HARNESS_RESULTS_INVALID when the shards are not of one run (seed, spec hash, target, profile,
 * strictness or harness version differ) or when a shard is missing or given twice.
 */
export function mergeRunResults(inputs: readonly LoadedRunResult[]): RunResult {
  assertSameRun(inputs);
  assertCompleteShards(inputs);
  const results = inputs.map((input) => input.result);
  const first = results[0] as RunResult;
  const methods = mergeMethods(results);
  const sequences = mergeSequences(results);
  const budgetExhausted = results.some((result) => result.summary.budgetExhausted);
  const merged: RunResult = {
    harnessVersion: first.harnessVersion,
    specVersion: first.specVersion,
    specHash: first.specHash,
    target: first.target,
    profile: first.profile,
    seed: first.seed,
    strict: first.strict,
    command: first.command.replace(/\s+--shard\s+\S+/g, ''),
    ...timeSpan(results),
    summary: summarizeRun(methods, sequences, budgetExhausted),
    methods,
    sequences,
    findings: results.flatMap((result) => result.findings),
    observations: mergeObservations(results),
  };
  return merged;
}
