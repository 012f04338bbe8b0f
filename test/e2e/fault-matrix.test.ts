import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { REFERENCE_FAULTS } from '../../src/reference/index.js';
import type { RunResult } from '../../src/run/results.js';
import { loadCatalogue } from '../../src/spec/index.js';
import { runAgainstReference } from '../support/run-harness.js';

/**
 * Faults that show only on a not_found, which valid cases reach when they name a generated id:
 * enough cases make sure some do.
 */
const CASES_FOR: Record<string, { cases: number }> = { 'undocumented-variant': { cases: 20 } };

function findingKey(finding: Finding): string {
  return `${finding.method} ${finding.check} ${finding.severity} ${finding.message}`;
}

describe('fault matrix', () => {
  let clean: RunResult;
  let cleanKeys: Set<string>;

  beforeAll(async () => {
    clean = await runAgainstReference([]);
    cleanKeys = new Set(clean.findings.map(findingKey));
  });

  it('finds no failure on the clean reference target', () => {
    const failures = clean.findings.filter((finding) => finding.severity === 'failure');
    expect(failures.map(findingKey)).toEqual([]);
    expect(clean.summary.failures).toBe(0);
    expect(clean.summary.verdicts.fail).toBe(0);
    expect(clean.summary.notProven).toBe(false);
    expect(clean.sequences.map((sequence) => sequence.verdict)).toEqual(
      clean.sequences.map(() => 'pass'),
    );
  });

  it('warns on the clean target only where the contract leaves the answer open', async () => {
    const options = resolveOptions({}, {});
    const catalogue = await loadCatalogue(options);
    // A missing or ambiguous identity is bad_request, but some unions lack that variant, and a
    // schema-invalid request to them can only get a response outside the union.
    const withoutBadRequest = new Set(
      catalogue.methods
        .filter((method) => !method.variants.some((variant) => variant.name === 'bad_request'))
        .map((method) => method.name),
    );
    for (const warning of clean.findings) {
      expect(warning.caseId, findingKey(warning)).toMatch(/#invalid-/);
      expect(withoutBadRequest.has(warning.method), findingKey(warning)).toBe(true);
      expect(['status-code', 'error-tagged', 'error-bare-string']).toContain(warning.check);
    }
  });

  for (const fault of REFERENCE_FAULTS.filter((item) => item.expectsFinding)) {
    it(`reports ${fault.name} by ${fault.check}`, async () => {
      const result = await runAgainstReference([fault.name], CASES_FOR[fault.name] ?? {});
      const fresh = result.findings.filter(
        (finding) => finding.check === fault.check && !cleanKeys.has(findingKey(finding)),
      );
      const sequenceFailed = result.sequences.some(
        (sequence) => sequence.check === fault.check && sequence.verdict === 'fail',
      );
      expect(fresh.length > 0 || sequenceFailed, `no new ${fault.check} finding`).toBe(true);
    });
  }

  it('shows an undocumented field as wire drift, not a failure', async () => {
    const result = await runAgainstReference(['undocumented-field']);
    expect(result.summary.failures).toBe(0);
    const jobs = result.observations.find((item) => item.method === 'repairer.jobs.get');
    expect(jobs?.undocumentedFields).toContain('/x_debug_trace');
  });
});
