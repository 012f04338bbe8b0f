import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../bin/partly-conformance.js');

function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function reportsDir(): string {
  return mkdtempSync(join(tmpdir(), 'partly-run-'));
}

describe('partly-conformance run', () => {
  it('passes the clean reference target and writes every report', () => {
    const reports = reportsDir();
    const result = runCli(['run', '--seed', '3', '--cases', '5', '--reports', reports]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const file of ['results.json', 'junit.xml', 'report.html']) {
      expect(existsSync(join(reports, file)), file).toBe(true);
    }
    const results = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8'));
    expect(results.methods).toHaveLength(17);
    expect(results.summary.failures).toBe(0);
    expect(results.seed).toBe(3);
    expect(results.sequences.length).toBeGreaterThan(0);
    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    const html = readFileSync(join(reports, 'report.html'), 'utf8');
    for (const sequence of results.sequences as { name: string }[]) {
      expect(junit).toContain(`name="${sequence.name}"`);
      expect(html).toContain(sequence.name);
    }
  });

  it('prints the plan and sends nothing on a dry run', () => {
    const result = runCli([
      'run',
      '--dry-run',
      '--profile',
      'certify',
      '--target',
      'http://127.0.0.1:9',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('plan: profile certify');
    expect(result.stdout).toMatch(/repairer\.jobs\.insert: not sent/);
    expect(result.stdout).toMatch(/repairer\.jobs\.get: \d+ valid/);
  });

  it('exits 1 when the target breaks the contract', () => {
    const reports = reportsDir();
    const result = runCli([
      'run',
      '--seed',
      '3',
      '--cases',
      '5',
      '--reports',
      reports,
      '--fault',
      'offer-currency',
    ]);
    expect(result.status).toBe(1);
    const results = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8'));
    const basket = results.methods.find(
      (method: { method: string }) => method.method === 'repairer.jobs.baskets.latest.get',
    );
    const cell = basket.checks.find(
      (check: { check: string }) => check.check === 'no-offer-currency',
    );
    expect(cell.verdict).toBe('fail');
  });

  it('exits 2 with one line for a missing spec', () => {
    const result = runCli(['run', '--spec', 'no-such-spec.json', '--reports', reportsDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no-such-spec.json');
  });

  it('exits 2 with one line for an unreachable target', () => {
    const result = runCli(['run', '--target', 'http://127.0.0.1:9', '--reports', reportsDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('unreachable');
  });

  it('exits 2 when the target rejects a configured credential', () => {
    const result = runCli(['run', '--cases', '3', '--reports', reportsDir()], {
      PARTLY_REPAIRER_API_KEY: 'partly_not_issued_0000000000',
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('rejected the repairer credential');
    expect(result.stderr).not.toContain('partly_not_issued');
  });

  it('exits 2 with one line for a config typo', () => {
    const result = runCli(['run', '--cases', 'many', '--reports', reportsDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--cases');
  });
});
