import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = new URL('../../../bin/partly-conformance.js', import.meta.url).pathname;

const children: ChildProcess[] = [];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function startCli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PARTLY_REFERENCE_FAULTS: '', NO_COLOR: '1' },
  });
  children.push(child);
  return child;
}

/** Collects the output of a child until it exits. */
async function waitForExit(child: ChildProcess): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, stderr };
}

/** Resolves with the first stdout line; rejects with stderr when the child exits first. */
async function firstLine(child: ChildProcess): Promise<string> {
  if (child.stdout === null || child.stderr === null) {
    throw new Error('The child has no stdout or stderr');
  }
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`serve exited with ${String(code)} before printing a line: ${stderr}`);
  });
  try {
    const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
    return line;
  } finally {
    exited.catch(() => undefined);
    lines.close();
  }
}

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
});

describe('serve command', () => {
  it('prints the URL first and stops on SIGTERM', async () => {
    const child = startCli(['serve', '--port', '0']);

    const url = await firstLine(child);

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await request(`${url}/api/2026-01/businesses.list`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer partly_demo_repairer_3f8a1c0d9e2b4a67b1c2',
        'partly-integration-id': '0c000000-0000-4000-8000-000000000001',
      },
      body: '{}',
    });
    expect(response.statusCode).toBe(200);
    await response.body.dump();

    const exit = waitForExit(child);
    child.kill('SIGTERM');
    const result = await exit;
    expect(result.code).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.stderr).toContain('stopped on SIGTERM');
  });

  it('stops on SIGINT', async () => {
    const child = startCli(['serve', '--port', '0', '--fault', 'offer-currency']);
    await firstLine(child);

    const exit = waitForExit(child);
    child.kill('SIGINT');

    expect((await exit).code).toBe(0);
  });

  it('refuses a host that is not loopback', async () => {
    const child = startCli(['serve', '--port', '0', '--host', '0.0.0.0']);

    const result = await waitForExit(child);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--allow-remote');
  });

  it('refuses an unknown fault', async () => {
    const child = startCli(['serve', '--port', '0', '--fault', 'no-such-fault']);

    const result = await waitForExit(child);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"no-such-fault"');
  });

  it('lists the faults', async () => {
    const child = startCli(['serve', '--list-faults']);

    const result = await waitForExit(child);

    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(25);
    expect(result.stdout).toMatch(/^offer-currency\s+no-offer-currency: /m);
  });
});
