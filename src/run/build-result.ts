import type { Finding, Verdict } from '../checks/types.js';
import type { ResolvedOptions } from '../config/options.js';
import type { Catalogue } from '../spec/types.js';
import { HARNESS_VERSION } from '../version.js';
import type { CellMeta, SequenceMeta } from './meta.js';
import type { MethodResult, RunResult, RunSummary, SequenceResult } from './results.js';

export interface CollectedMeta {
  cells: CellMeta[];
  sequences: SequenceMeta[];
  budgetExhausted: boolean;
}

/** Describes the target for reports without a userinfo part, query or secret. */
export function describeTarget(targetUrl: string, embedded: boolean): string {
  if (embedded) {
    return 'embedded reference target';
  }
  try {
    const url = new URL(targetUrl);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return 'target (unparsable URL)';
  }
}

/** Builds the command line that repeats a run: its seed and the options that change what is sent. */
export function reproduceCommand(options: ResolvedOptions, target: string | undefined): string {
  const parts = [
    'npx partly-conformance run',
    `--seed ${options.seed}`,
    `--cases ${options.cases}`,
  ];
  if (target !== undefined) {
    parts.push(`--target ${target}`);
  }
  if (options.profile !== 'gate') {
    parts.push(`--profile ${options.profile}`);
  }
  if (options.strict) {
    parts.push('--strict');
  }
  if (typeof options.tenant === 'string') {
    parts.push(`--tenant ${options.tenant}`);
  }
  if (options.faults.length > 0 && target === undefined) {
    parts.push(...options.faults.map((fault) => `--fault ${fault}`));
  }
  if (options.shard) {
    parts.push(`--shard ${options.shard.index}/${options.shard.count}`);
  }
  parts.push(...options.allowWrites.map((method) => `--allow-writes ${method}`));
  if (options.maxRequests !== undefined) {
    parts.push(`--max-requests ${options.maxRequests}`);
  }
  if (options.ratePerSecond !== undefined) {
    parts.push(`--rate ${options.ratePerSecond}/s`);
  }
  if (options.extensionsSpec === false) {
    parts.push('--no-extensions-spec');
  }
  return parts.join(' ');
}

function collectMethods(cells: CellMeta[]): MethodResult[] {
  const byMethod = new Map<string, MethodResult>();
  for (const cell of cells) {
    let method = byMethod.get(cell.method);
    if (!method) {
      method = { method: cell.method, extension: cell.extension, exchanges: 0, checks: [] };
      byMethod.set(cell.method, method);
    }
    method.exchanges = Math.max(method.exchanges, cell.methodExchanges);
    method.checks.push(cell.result);
  }
  return [...byMethod.values()].sort((left, right) => left.method.localeCompare(right.method));
}

/**
 * Computes a run's summary from its cells and sequences, by the rules the engine uses: verdicts
 * count cells and sequences, a failed sequence adds one failure, findings are failures plus
 * warnings, and exchanges are summed over methods.
 */
export function summarizeRun(
  methods: readonly MethodResult[],
  sequences: readonly SequenceResult[],
  budgetExhausted: boolean,
): RunSummary {
  const verdicts: Record<Verdict, number> = { pass: 0, fail: 0, 'not-proven': 0 };
  let failures = 0;
  let warnings = 0;
  for (const cell of methods.flatMap((method) => method.checks)) {
    verdicts[cell.verdict] += 1;
    failures += cell.failures;
    warnings += cell.warnings;
  }
  for (const sequence of sequences) {
    verdicts[sequence.verdict] += 1;
    failures += sequence.verdict === 'fail' ? 1 : 0;
  }
  return {
    exchanges: methods.reduce((sum, method) => sum + method.exchanges, 0),
    findings: failures + warnings,
    failures,
    warnings,
    verdicts,
    notProven: verdicts['not-proven'] > 0,
    budgetExhausted,
  };
}

/** Builds the content of `results.json` from what the suites reported. */
export function buildRunResult(input: {
  collected: CollectedMeta;
  catalogue: Catalogue;
  options: ResolvedOptions;
  targetUrl: string;
  embedded: boolean;
  startedAt: Date;
  durationMs: number;
}): RunResult {
  const { collected, options } = input;
  const methods = collectMethods(collected.cells);
  const sequences = collected.sequences.map((meta) => meta.result);
  const findings: Finding[] = [
    ...collected.cells.flatMap((cell) => cell.findings),
    ...collected.sequences.flatMap((meta) => meta.findings),
  ];
  const result: RunResult = {
    harnessVersion: HARNESS_VERSION,
    specVersion: input.catalogue.version,
    specHash: input.catalogue.specHash,
    target: describeTarget(input.targetUrl, input.embedded),
    profile: options.profile,
    seed: options.seed,
    strict: options.strict,
    command: reproduceCommand(
      options,
      input.embedded ? undefined : describeTarget(input.targetUrl, false),
    ),
    startedAt: input.startedAt.toISOString(),
    durationMs: input.durationMs,
    summary: summarizeRun(methods, sequences, collected.budgetExhausted),
    methods,
    sequences,
    findings,
    observations: collected.cells.flatMap((cell) => (cell.observation ? [cell.observation] : [])),
  };
  if (options.shard) {
    result.shard = options.shard;
  }
  if (input.embedded && options.faults.length > 0) {
    result.faults = options.faults;
  }
  return result;
}
