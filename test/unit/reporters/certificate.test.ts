import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCertificate,
  CERTIFICATE_FILE,
  createCertificateReporter,
} from '../../../src/reporters/certificate.js';
import type { RunResult } from '../../../src/run/results.js';
import { CLEAN_RUN, MIXED_RUN } from '../../fixtures/reporters/runs.js';
import { endRun, makeTempDir } from './support.js';

const ISSUED = new Date('2026-12-05T08:30:00.000Z');

describe('certificate', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('certifies a clean run', () => {
    const certificate = buildCertificate({ ...CLEAN_RUN, profile: 'certify' }, ISSUED);
    expect(certificate.verdict).toBe('certified');
    expect(certificate.reasons).toEqual([]);
    expect(certificate.counts.cells).toEqual({ pass: 153, fail: 0, 'not-proven': 0 });
  });

  it('records the run identity', () => {
    const certificate = buildCertificate(MIXED_RUN, ISSUED);
    expect(certificate).toMatchObject({
      format: 1,
      harnessVersion: '0.1.0',
      specVersion: '2026-01',
      specHash: 'sha256:4be1c0ffee',
      target: 'http://127.0.0.1:4010',
      issuedAt: '2026-12-05T08:30:00.000Z',
      runStartedAt: '2026-12-04T10:00:00.000Z',
      profile: 'gate',
      seed: 424242,
      strict: false,
    });
  });

  it('lists every method x check with its evidence', () => {
    const certificate = buildCertificate(MIXED_RUN, ISSUED);
    expect(certificate.methods).toHaveLength(17);
    const cells = certificate.methods.flatMap((method) => method.checks);
    expect(cells).toHaveLength(153);
    const parts = certificate.methods.find(
      (method) => method.method === 'repairer.jobs.parts.insert',
    );
    expect(parts?.checks.find((check) => check.check === 'error-bare-string')).toEqual({
      check: 'error-bare-string',
      verdict: 'fail',
      exchanges: 103,
      failures: 3,
      warnings: 0,
    });
  });

  it('keeps not-proven rows visible with their reason', () => {
    const certificate = buildCertificate(MIXED_RUN, ISSUED);
    const invoices = certificate.methods.find(
      (method) => method.method === 'repairer.procurements.invoices.get',
    );
    expect(invoices?.checks.find((check) => check.check === 'positive-accepted')).toEqual({
      check: 'positive-accepted',
      verdict: 'not-proven',
      exchanges: 0,
      failures: 0,
      warnings: 0,
      reason: 'every valid request was answered not_found',
    });
  });

  it('refuses to certify failures and unproven cells, with reasons', () => {
    const certificate = buildCertificate(MIXED_RUN, ISSUED);
    expect(certificate.verdict).toBe('not-certified');
    expect(certificate.reasons).toContain(
      'repairer.jobs.parts.insert error-bare-string failed (3 failures)',
    );
    expect(certificate.reasons).toContain(
      'repairer.procurements.invoices.get response-schema is not proven: no 2xx response to judge',
    );
    expect(certificate.reasons).toContain(
      'sequence role-matrix failed: supplier credential on repairer.jobs.get got 200, expected forbidden (403)',
    );
    expect(certificate.reasons).toHaveLength(4 + 4 + 2);
  });

  it('refuses to certify a run with only unproven cells', () => {
    const run: RunResult = {
      ...CLEAN_RUN,
      methods: CLEAN_RUN.methods.map((method, index) =>
        index === 0
          ? {
              ...method,
              checks: method.checks.map((cell) =>
                cell.check === 'auth' ? { ...cell, verdict: 'not-proven', exchanges: 0 } : cell,
              ),
            }
          : method,
      ),
    };
    const certificate = buildCertificate(run, ISSUED);
    expect(certificate.verdict).toBe('not-certified');
    expect(certificate.reasons).toEqual([
      'businesses.list auth is not proven: no exchange was judged',
    ]);
  });

  it('refuses to certify a single shard or a run cut by the budget', () => {
    const shard = buildCertificate({ ...CLEAN_RUN, shard: { index: 1, count: 3 } }, ISSUED);
    expect(shard.verdict).toBe('not-certified');
    expect(shard.reasons).toEqual([
      'the results cover shard 1/3 only; merge every shard before certifying',
    ]);
    const budget = buildCertificate(
      { ...CLEAN_RUN, summary: { ...CLEAN_RUN.summary, budgetExhausted: true } },
      ISSUED,
    );
    expect(budget.reasons).toEqual([
      'the request budget ran out before every planned request was sent',
    ]);
  });

  it('refuses to certify a run that judged nothing', () => {
    const certificate = buildCertificate({ ...CLEAN_RUN, methods: [], sequences: [] }, ISSUED);
    expect(certificate.verdict).toBe('not-certified');
  });

  it('writes certificate.json', async () => {
    await endRun(createCertificateReporter({ now: () => ISSUED }), MIXED_RUN, temp.dir);
    const written = JSON.parse(await readFile(join(temp.dir, CERTIFICATE_FILE), 'utf8'));
    expect(written).toEqual(buildCertificate(MIXED_RUN, ISSUED));
  });
});
