import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/config/resolve.js';
import { startReferenceTarget } from '../../src/reference/index.js';
import { runInProcess } from '../../src/run/in-process.js';
import { mergeRunResults } from '../../src/run/merge.js';
import type { RunResult } from '../../src/run/results.js';

function verdicts(result: RunResult): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const method of result.methods) {
    for (const check of method.checks) {
      cells[`${method.method} ${check.check}`] = check.verdict;
    }
  }
  for (const sequence of result.sequences) {
    cells[`sequence ${sequence.name}`] = sequence.verdict;
  }
  return cells;
}

describe('sharded runs', () => {
  it('merge to the verdicts of the unsplit run', async () => {
    const reference = await startReferenceTarget({
      faults: ['offer-currency', 'server-error-on-valid'],
    });
    try {
      const run = (shard?: string) =>
        runInProcess({
          options: resolveOptions({ seed: 21, cases: 6, ...(shard ? { shard } : {}) }, {}),
          targetUrl: reference.url,
          embedded: true,
        });
      const whole = await run();
      const shards = [await run('1/3'), await run('2/3'), await run('3/3')];
      const merged = mergeRunResults(
        shards.map((result, index) => ({ source: `shard-${index + 1}.json`, result })),
      );
      expect(verdicts(merged)).toEqual(verdicts(whole));
      expect(merged.summary.exchanges).toBe(whole.summary.exchanges);
      expect(verdicts(whole)['repairer.jobs.baskets.latest.get no-offer-currency']).toBe('fail');
      expect(shards[1]?.sequences).toEqual([]);
    } finally {
      await reference.close();
    }
  });

  it('run from the CLI and merge there', () => {
    const cli = join(import.meta.dirname, '../../bin/partly-conformance.js');
    const folder = mkdtempSync(join(tmpdir(), 'partly-shards-'));
    const run = (args: string[]) =>
      spawnSync(process.execPath, [cli, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 240_000,
      });
    for (const index of [1, 2]) {
      const shard = run([
        'run',
        ...['--seed', '8', '--cases', '4', '--shard', `${index}/2`, '--reporter', 'json'],
        ...['--reports', join(folder, `shard-${index}`)],
      ]);
      expect(shard.stderr).toBe('');
      expect(shard.status).toBe(0);
    }
    const lonely = run(['merge', join(folder, 'shard-1/results.json'), '--reports', folder]);
    expect(lonely.status).toBe(2);
    const merged = run([
      'merge',
      ...[join(folder, 'shard-1/results.json'), join(folder, 'shard-2/results.json')],
      ...['--reports', join(folder, 'merged'), '--reporter', 'json'],
    ]);
    expect(merged.status).toBe(0);
    const result = JSON.parse(readFileSync(join(folder, 'merged/results.json'), 'utf8'));
    expect(result.methods).toHaveLength(17);
    expect(result.sequences.length).toBeGreaterThan(0);
  });
});
