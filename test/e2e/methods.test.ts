import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/partly-conformance.js', import.meta.url));

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const METHOD_ROW = /^(businesses|integrations|repairer|supplier|tier1|uploads)\.\S+\s/;

describe('partly-conformance methods', () => {
  it('prints one row per method', () => {
    const { status, stdout, stderr } = runCli('methods');
    const rows = stdout.split('\n').filter((line) => METHOD_ROW.test(line));

    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(rows).toHaveLength(17);
    expect(rows.find((row) => row.startsWith('repairer.jobs.parts.insert '))).toContain(
      'bare-string',
    );
    expect(rows.filter((row) => /\syes\s+(yes|no)\s/.test(row))).toHaveLength(3);
  });

  it('prints the catalogue as JSON', () => {
    const { status, stdout } = runCli('methods', '--no-extensions', '--json');
    const catalogue = JSON.parse(stdout) as { version: string; methods: { name: string }[] };

    expect(status).toBe(0);
    expect(catalogue.version).toBe('2026-01');
    expect(catalogue.methods).toHaveLength(14);
  });

  it('reports a missing spec in one line', () => {
    const { status, stdout, stderr } = runCli('methods', '--spec', 'missing.json');
    const lines = stderr.trimEnd().split('\n');

    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: Cannot read the spec .*missing\.json: no such file/);
    expect(stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
