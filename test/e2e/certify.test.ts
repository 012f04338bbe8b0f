import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/config/resolve.js';
import { runInProcess } from '../../src/run/in-process.js';
import { runAgainstReference } from '../support/run-harness.js';

const CLI = join(import.meta.dirname, '../../bin/partly-conformance.js');
const STATE_CHANGING = [
  'integrations.insert',
  'repairer.jobs.insert',
  'repairer.jobs.parts.insert',
  'repairer.procurements.insert',
  'supplier.procurements.confirm',
];

/** A loopback target that responds 200 `{}` and counts requests per method. */
async function startCounter(): Promise<{
  url: string;
  methods: string[];
  close(): Promise<void>;
}> {
  const methods: string[] = [];
  const server: Server = createServer((request, response) => {
    methods.push(request.url?.split('/').at(-1) ?? '');
    request.resume();
    request.on('end', () =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    methods,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function certifyAgainstCounter(extra: Record<string, unknown> = {}) {
  const counter = await startCounter();
  try {
    const options = resolveOptions({ seed: 9, cases: 4, profile: 'certify', ...extra }, {});
    const result = await runInProcess({ options, targetUrl: counter.url, embedded: false });
    return { result, methods: counter.methods };
  } finally {
    await counter.close();
  }
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('certify profile', () => {
  it('sends no state-changing call without --allow-writes', async () => {
    const { result, methods } = await certifyAgainstCounter();
    expect(methods.length).toBeGreaterThan(50);
    for (const method of STATE_CHANGING) {
      expect(methods, method).not.toContain(method);
    }
    const insert = result.methods.find((method) => method.method === 'repairer.jobs.insert');
    expect(insert?.checks.every((check) => check.verdict === 'not-proven')).toBe(true);
    expect(insert?.checks[0]?.reason).toContain('certify');
    expect(result.summary.notProven).toBe(true);
  });

  it('sends only the writes it is allowed', async () => {
    const { methods } = await certifyAgainstCounter({ allowWrites: ['repairer.jobs.insert'] });
    expect(methods).toContain('repairer.jobs.insert');
    for (const method of STATE_CHANGING.filter((name) => name !== 'repairer.jobs.insert')) {
      expect(methods, method).not.toContain(method);
    }
  });

  it('sends no tenant header unless asked', async () => {
    const options = resolveOptions({ profile: 'certify' }, {});
    expect(options.tenant).toBe(false);
  });

  it('keeps the request budget and says it was spent', async () => {
    const { result, methods } = await certifyAgainstCounter({ maxRequests: 40 });
    expect(methods.length).toBeLessThanOrEqual(40);
    expect(methods.length).toBeGreaterThan(30);
    expect(result.summary.budgetExhausted).toBe(true);
  });

  it('waits for Retry-After on 429 and does not report it', async () => {
    const result = await runAgainstReference(['rate-limit'], { cases: 3, concurrency: 4 });
    const failures = result.findings.filter((finding) => finding.severity === 'failure');
    expect(failures).toEqual([]);
    expect(result.summary.exchanges).toBeGreaterThan(50);
  });

  it('leaves no secret in the reports or the console', () => {
    const reports = mkdtempSync(join(tmpdir(), 'partly-secrets-'));
    const secrets = {
      PARTLY_REPAIRER_API_KEY: 'partly_live_9c1e4f7a2b6d8e0f3a5c7b9d1e3f5a7c',
      PARTLY_SUPPLIER_API_KEY: 'partly_live_1a3c5e7f9b2d4f6a8c0e2b4d6f8a0c2e',
      PARTLY_OAUTH_CLIENT_SECRET: 'secret_live_77d2c9e4a1',
      PARTLY_OAUTH_ACCESS_CODE: 'ac_live_5f8e2d1c9b',
    };
    const run = spawnSync(
      process.execPath,
      // The fault makes the reference target accept keys it never issued, as a deployment
      // with these credentials would.
      [CLI, 'run', '--seed', '4', '--cases', '3', '--reports', reports, '--fault', 'auth-ignored'],
      { encoding: 'utf8', env: { ...process.env, ...secrets, NO_COLOR: '1' }, timeout: 240_000 },
    );
    expect(run.status).toBe(1);
    const texts = [
      run.stdout,
      run.stderr,
      ...filesUnder(reports).map((file) => readFileSync(file, 'utf8')),
    ];
    expect(filesUnder(reports).length).toBeGreaterThanOrEqual(3);
    for (const text of texts) {
      for (const [name, secret] of Object.entries(secrets)) {
        expect(text.includes(secret), `${name} leaked`).toBe(false);
      }
    }
  });

  it('leaves no minted api_key in the reports', () => {
    const reports = mkdtempSync(join(tmpdir(), 'partly-minted-'));
    const run = spawnSync(
      process.execPath,
      [
        CLI,
        'run',
        '--seed',
        '4',
        '--cases',
        '3',
        '--reports',
        reports,
        '--fault',
        'access-code-reusable',
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 },
    );
    expect(run.status).toBe(1);
    const texts = [run.stdout, ...filesUnder(reports).map((file) => readFileSync(file, 'utf8'))];
    for (const text of texts) {
      expect(text).not.toMatch(/partly_[0-9a-f]{32}/);
    }
  });
});
