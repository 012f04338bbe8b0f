import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckName } from '../../src/checks/types.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { runInProcess } from '../../src/run/in-process.js';
import type { RunResult } from '../../src/run/results.js';
import { type HostileBehaviour, startHostileServer } from '../support/hostile-server.js';

/** Each method of the catalogue gets one misbehaviour and the check expected to name it. */
const PLAN: [method: string, behaviour: HostileBehaviour, check: CheckName][] = [
  ['businesses.list', 'silent', 'not-server-error'],
  ['repairer.work-providers.list', 'headers-then-stall', 'not-server-error'],
  ['repairer.jobs.get', 'stall-mid-body', 'not-server-error'],
  ['repairer.jobs.parts.list', 'reset', 'not-server-error'],
  ['repairer.jobs.baskets.latest.get', 'huge', 'not-server-error'],
  ['repairer.procurements.get', 'not-json', 'not-server-error'],
  ['repairer.procurements.list', 'proxy-502', 'content-type'],
  ['supplier.procurements.get', 'invalid-utf8', 'not-server-error'],
  ['supplier.procurements.confirm', 'wrong-length', 'not-server-error'],
  ['tier1.prepare', 'gzip-bomb', 'not-server-error'],
  ['uploads.prepare', 'redirect-loop', 'status-code'],
  ['repairer.jobs.insert', 'drip', 'not-server-error'],
  ['repairer.jobs.parts.insert', 'empty', 'not-server-error'],
  ['repairer.procurements.invoices.get', 'duplicate-keys', 'response-schema'],
];

/** Maximum time of the whole run: every timeout below, with room for a slow machine. */
const RUN_BOUND_MS = 90_000;
/** Maximum growth of resident memory while 200 MB bodies and a gzip bomb arrive. */
const MEMORY_BOUND_BYTES = 150 * 1024 * 1024;

describe('hostile target', () => {
  let result: RunResult;
  let elapsedMs = 0;
  let peakGrowth = 0;

  beforeAll(async () => {
    const server = await startHostileServer({ dripIntervalMs: 1000 });
    for (const [method, behaviour] of PLAN) {
      server.alias(method, behaviour);
    }
    const options = resolveOptions(
      {
        seed: 1,
        cases: 1,
        concurrency: 8,
        timeouts: { connectMs: 2000, headersMs: 800, bodyMs: 800, totalMs: 3000 },
        maxBodyBytes: 1024 * 1024,
      },
      {},
    );
    const baseline = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakGrowth = Math.max(peakGrowth, process.memoryUsage().rss - baseline);
    }, 20);
    const started = Date.now();
    try {
      result = await runInProcess({ options, targetUrl: server.url, embedded: false });
    } finally {
      elapsedMs = Date.now() - started;
      clearInterval(sampler);
      await server.close();
    }
  }, RUN_BOUND_MS * 2);

  it('ends within its timeouts', () => {
    expect(elapsedMs).toBeLessThan(RUN_BOUND_MS);
  });

  it('keeps memory bounded while reading', () => {
    expect(peakGrowth).toBeLessThan(MEMORY_BOUND_BYTES);
  });

  for (const [method, behaviour, check] of PLAN) {
    it(`reports ${behaviour} on ${method} by ${check}`, () => {
      const row = result.methods.find((item) => item.method === method);
      const cell = row?.checks.find((item) => item.check === check);
      expect(cell?.verdict, `${method} ${check}`).toBe('fail');
      const finding = result.findings.find(
        (item) => item.method === method && item.check === check,
      );
      expect(finding?.message.length).toBeGreaterThan(0);
    });
  }

  it('keeps judging the methods that behave', () => {
    const echoed = result.methods.find((item) => item.method === 'repairer.procurements.insert');
    expect(echoed?.exchanges).toBeGreaterThan(0);
    const serverError = echoed?.checks.find((item) => item.check === 'not-server-error');
    expect(serverError?.verdict).toBe('pass');
  });
});
