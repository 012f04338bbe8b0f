import { access, readFile } from 'node:fs/promises';
import { HarnessError } from '../errors.js';
import type { RunResult, WireObservation } from '../run/results.js';
import { countFindings, type FindingCounts } from './history.js';

/** Parts of a run's `results.json` that a drift check uses. */
export interface RunResultsSummary {
  path: string;
  startedAt: string;
  target: string;
  methods: string[];
  findings: Record<string, FindingCounts>;
  observations: WireObservation[];
}

function invalid(path: string, reason: string): HarnessError {
  return new HarnessError(
    'HARNESS_RESULTS_INVALID',
    `The results file ${path} is not the results.json of a run: ${reason}; give --results the results.json that a run wrote`,
  );
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isObservation(value: unknown): value is WireObservation {
  const observation = value as Partial<WireObservation> | null;
  return (
    typeof observation === 'object' &&
    observation !== null &&
    typeof observation.method === 'string' &&
    isStringList(observation.undocumentedFields) &&
    Array.isArray(observation.undocumentedStatuses) &&
    observation.undocumentedStatuses.every((status) => typeof status === 'number') &&
    isStringList(observation.undocumentedVariants) &&
    typeof observation.strayExtensionMarker === 'boolean'
  );
}

function isMethodResult(value: unknown): boolean {
  const method = value as { method?: unknown; checks?: unknown } | null;
  return (
    typeof method === 'object' &&
    method !== null &&
    typeof method.method === 'string' &&
    Array.isArray(method.checks) &&
    method.checks.every(
      (check) =>
        typeof (check as { failures?: unknown }).failures === 'number' &&
        typeof (check as { warnings?: unknown }).warnings === 'number',
    )
  );
}

function parseResults(path: string, text: string): RunResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(path, `invalid JSON (${(error as Error).message})`);
  }
  const result = value as Partial<RunResult> | null;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    throw invalid(path, 'not a JSON object');
  }
  if (!Array.isArray(result.observations) || !result.observations.every(isObservation)) {
    throw invalid(path, 'observations missing or malformed');
  }
  if (!Array.isArray(result.methods) || !result.methods.every(isMethodResult)) {
    throw invalid(path, 'methods missing or malformed');
  }
  if (typeof result.startedAt !== 'string' || Number.isNaN(Date.parse(result.startedAt))) {
    throw invalid(path, 'startedAt missing or not a date');
  }
  return result as RunResult;
}

/** Reads the findings per method and the wire observations of a run's `results.json`. */
export async function readRunResults(path: string): Promise<RunResultsSummary> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new HarnessError(
      'HARNESS_RESULTS_INVALID',
      `Cannot read the results file ${path}: ${reason}; check the path given to --results`,
      { cause: error },
    );
  }
  const result = parseResults(path, text);
  return {
    path,
    startedAt: new Date(result.startedAt).toISOString(),
    target: typeof result.target === 'string' ? result.target : '',
    methods: result.methods.map((method) => method.method),
    findings: countFindings(result),
    observations: result.observations,
  };
}

/** True when a file exists at `path`. */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
