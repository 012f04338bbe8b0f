import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/partly-conformance.js');

function runCli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('partly-conformance replay', () => {
  let results = '';

  beforeAll(() => {
    const reports = mkdtempSync(join(tmpdir(), 'partly-replay-'));
    const run = runCli([
      'run',
      ...['--seed', '5', '--cases', '4', '--reports', reports, '--reporter', 'json'],
      ...['--fault', 'offer-currency', '--fault', 'parts-never-ordered'],
    ]);
    expect(run.status).toBe(1);
    results = join(reports, 'results.json');
  });

  it('reports fixed faults as fixed and exits 0', () => {
    const replay = runCli(['replay', results]);
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(
      /^fixed\s+repairer\.jobs\.baskets\.latest\.get · no-offer-currency/m,
    );
    expect(replay.stdout).toMatch(/^fixed\s+buyer loop 1/m);
    expect(replay.stdout).not.toContain('still-failing');
  });

  it('reports a fault still present as still failing and exits 1', () => {
    const replay = runCli(['replay', results, '--fault', 'offer-currency']);
    expect(replay.status).toBe(1);
    expect(replay.stdout).toMatch(
      /^still-failing\s+repairer\.jobs\.baskets\.latest\.get · no-offer-currency/m,
    );
    expect(replay.stdout).toMatch(/^fixed\s+buyer loop 1/m);
  });

  it('exits 2 for a results file that does not exist', () => {
    const replay = runCli(['replay', join(tmpdir(), 'no-such-results.json')]);
    expect(replay.status).toBe(2);
    expect(replay.stderr.trim().split('\n')).toHaveLength(1);
  });
});
