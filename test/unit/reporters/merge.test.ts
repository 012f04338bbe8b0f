import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerMergeCommand } from '../../../src/commands/merge.js';
import { HarnessError } from '../../../src/errors.js';
import { type LoadedRunResult, loadRunResult, mergeRunResults } from '../../../src/run/merge.js';
import type { RunResult } from '../../../src/run/results.js';
import { CLEAN_RUN, MIXED_RUN } from '../../fixtures/reporters/runs.js';
import { seededPicker, splitIntoShards } from '../../fixtures/reporters/shards.js';
import { makeTempDir } from './support.js';

function loaded(results: readonly RunResult[]): LoadedRunResult[] {
  return results.map((result, index) => ({ source: `shard-${index + 1}.json`, result }));
}

function cellTable(result: RunResult): Record<string, unknown> {
  const table: Record<string, unknown> = {};
  for (const method of result.methods) {
    table[method.method] = { exchanges: method.exchanges, extension: method.extension };
    for (const cell of method.checks) {
      const { reason: _reason, ...counts } = cell;
      table[`${method.method} ${cell.check}`] = counts;
    }
  }
  return table;
}

function findingIds(result: RunResult): string[] {
  return result.findings
    .map((finding) => `${finding.method} ${finding.check} ${finding.exchangeId}`)
    .sort();
}

function sequenceVerdicts(result: RunResult): Record<string, string> {
  return Object.fromEntries(result.sequences.map((sequence) => [sequence.name, sequence.verdict]));
}

function observationSets(result: RunResult): Record<string, unknown> {
  return Object.fromEntries(
    result.observations.map((observation) => [
      observation.method,
      {
        fields: [...observation.undocumentedFields].sort(),
        statuses: [...observation.undocumentedStatuses].sort(),
        variants: [...observation.undocumentedVariants].sort(),
        stray: observation.strayExtensionMarker,
      },
    ]),
  );
}

function expectMergedLike(merged: RunResult, whole: RunResult): void {
  expect(cellTable(merged)).toEqual(cellTable(whole));
  expect(merged.summary).toEqual(whole.summary);
  expect(sequenceVerdicts(merged)).toEqual(sequenceVerdicts(whole));
  expect(findingIds(merged)).toEqual(findingIds(whole));
  expect(observationSets(merged)).toEqual(observationSets(whole));
}

function mergeError(inputs: LoadedRunResult[]): HarnessError {
  try {
    mergeRunResults(inputs);
  } catch (error) {
    if (error instanceof HarnessError) {
      return error;
    }
    throw error;
  }
  throw new Error('merge did not fail');
}

describe('merge of shard results', () => {
  it('merges three shards to the verdicts of the whole run', () => {
    const shards = splitIntoShards(MIXED_RUN, 3);
    const merged = mergeRunResults(loaded(shards));
    expectMergedLike(merged, MIXED_RUN);
    expect(merged.shard).toBeUndefined();
    expect(merged.command).toBe(MIXED_RUN.command);
    expect(merged.startedAt).toBe(MIXED_RUN.startedAt);
    expect(merged.durationMs).toBe(MIXED_RUN.durationMs);
  });

  it('needs more than one shard to prove some cells', () => {
    const shards = splitIntoShards(MIXED_RUN, 3);
    const authVerdicts = shards.map(
      (shard) => shard.methods[0]?.checks.find((cell) => cell.check === 'auth')?.verdict,
    );
    expect(authVerdicts.filter((verdict) => verdict === 'pass')).toHaveLength(1);
    expect(authVerdicts.filter((verdict) => verdict === 'not-proven')).toHaveLength(2);
    const failing = shards.map(
      (shard) =>
        shard.methods[2]?.checks.find((cell) => cell.check === 'no-offer-currency')?.verdict,
    );
    expect(failing.filter((verdict) => verdict === 'fail')).toHaveLength(1);
    expect(failing.filter((verdict) => verdict === 'pass')).toHaveLength(2);
  });

  it('keeps a sequence failure over a pass of another shard', () => {
    const shards = splitIntoShards(MIXED_RUN, 3);
    const copies = shards.flatMap((shard) =>
      shard.sequences.filter((sequence) => sequence.name === 'role-matrix'),
    );
    expect(copies.map((sequence) => sequence.verdict).sort()).toEqual(['fail', 'pass']);
    const merged = mergeRunResults(loaded(shards));
    expect(merged.sequences.filter((sequence) => sequence.name === 'role-matrix')).toEqual([
      MIXED_RUN.sequences[1],
    ]);
  });

  it('merges any split back to the whole run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer(), (count, seed) => {
        const shards = splitIntoShards(MIXED_RUN, count, seededPicker(count, seed));
        expectMergedLike(mergeRunResults(loaded(shards)), MIXED_RUN);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a single shard as a whole run', () => {
    const [first] = splitIntoShards(MIXED_RUN, 3);
    const error = mergeError(loaded(first ? [first] : []));
    expect(error.message).toContain('Shard 2/3 is missing');
  });

  it('passes a single whole run through', () => {
    const merged = mergeRunResults(loaded([CLEAN_RUN]));
    expectMergedLike(merged, CLEAN_RUN);
  });

  it.each([
    ['seed', { seed: 1 }],
    ['specHash', { specHash: 'sha256:other' }],
    ['target', { target: 'http://127.0.0.1:9999' }],
    ['profile', { profile: 'certify' }],
  ])('refuses shards that differ in %s', (field, change) => {
    const shards = splitIntoShards(MIXED_RUN, 3);
    const changed = shards.map((shard, index) => (index === 2 ? { ...shard, ...change } : shard));
    const error = mergeError(loaded(changed));
    expect(error.code).toBe('HARNESS_RESULTS_INVALID');
    expect(error.message).toContain(`disagree on ${field}`);
    expect(error.message).toContain('shard-3.json');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('refuses a missing shard', () => {
    const shards = splitIntoShards(MIXED_RUN, 3);
    expect(mergeError(loaded([shards[0], shards[2]] as RunResult[])).message).toBe(
      'Shard 2/3 is missing; pass the results.json of every shard',
    );
  });

  it('refuses a shard given twice', () => {
    const shards = splitIntoShards(MIXED_RUN, 3);
    expect(mergeError(loaded([shards[0], shards[1], shards[1]] as RunResult[])).message).toBe(
      'Shard 2/3 is given twice: shard-2.json and shard-3.json',
    );
  });

  it('refuses a whole run among shards', () => {
    const shards = splitIntoShards(MIXED_RUN, 2);
    expect(mergeError(loaded([...shards, MIXED_RUN])).message).toContain(
      'shard-3.json is a whole run',
    );
  });

  it('refuses shards of different counts', () => {
    const [first] = splitIntoShards(MIXED_RUN, 2);
    const [, second] = splitIntoShards(MIXED_RUN, 3);
    expect(mergeError(loaded([first, second] as RunResult[])).message).toContain(
      'disagree on shard count',
    );
  });
});

describe('merge command', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let exitCode: typeof process.exitCode;
  beforeEach(async () => {
    temp = await makeTempDir();
    exitCode = process.exitCode;
  });
  afterEach(async () => {
    process.exitCode = exitCode;
    await temp.remove();
  });

  async function writeShards(results: readonly RunResult[]): Promise<string[]> {
    const paths: string[] = [];
    for (const [index, result] of results.entries()) {
      const path = join(temp.dir, `results-${index + 1}.json`);
      await writeFile(path, JSON.stringify(result), 'utf8');
      paths.push(path);
    }
    return paths;
  }

  async function runMerge(args: string[]): Promise<void> {
    const program = new Command().exitOverride();
    registerMergeCommand(program);
    await program.parseAsync(['merge', ...args], { from: 'user' });
  }

  it('writes the merged reports and exits 1 on violations', async () => {
    const paths = await writeShards(splitIntoShards(MIXED_RUN, 3));
    const reports = join(temp.dir, 'merged');
    await runMerge([...paths, '--reports', reports, '--reporter', 'json,junit']);
    expect(process.exitCode).toBe(1);
    const merged = JSON.parse(await readFile(join(reports, 'results.json'), 'utf8')) as RunResult;
    expectMergedLike(merged, MIXED_RUN);
    await expect(readFile(join(reports, 'junit.xml'), 'utf8')).resolves.toContain('<testsuites');
  });

  it('exits 0 for clean shards and writes a certificate for certify', async () => {
    const paths = await writeShards(splitIntoShards({ ...CLEAN_RUN, profile: 'certify' }, 2));
    const reports = join(temp.dir, 'merged');
    await runMerge([...paths, '--reports', reports, '--reporter', 'json']);
    expect(process.exitCode).toBe(0);
    const certificate = JSON.parse(await readFile(join(reports, 'certificate.json'), 'utf8'));
    expect(certificate.verdict).toBe('certified');
  });

  it('fails with one line when the shards disagree', async () => {
    const shards = splitIntoShards(MIXED_RUN, 2);
    const paths = await writeShards([
      shards[0] as RunResult,
      { ...(shards[1] as RunResult), seed: 5 },
    ]);
    await expect(runMerge([...paths, '--reports', join(temp.dir, 'merged')])).rejects.toThrow(
      /^Shard results disagree on seed: .*results-1\.json has 424242, .*results-2\.json has 5; merge only the shards of one run$/,
    );
  });

  it('fails on a file that is not a results.json', async () => {
    const path = join(temp.dir, 'broken.json');
    await writeFile(path, '{"seed": 1', 'utf8');
    await expect(loadRunResult(path)).rejects.toThrow(
      /^Results file .*broken\.json is not valid JSON/,
    );
    await writeFile(path, '{"seed": 1}', 'utf8');
    await expect(loadRunResult(path)).rejects.toThrow(/is missing the string field harnessVersion/);
    await expect(loadRunResult(join(temp.dir, 'missing.json'))).rejects.toThrow(
      /^Cannot read results file/,
    );
  });
});
