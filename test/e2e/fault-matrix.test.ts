import { describe, expect, it } from 'vitest';
import { REFERENCE_FAULTS } from '../../src/reference/index.js';
import { runAgainstReference } from '../support/run-harness.js';

/**
 * Faults whose rule the harness reports through an observation, not a check finding: open
 * objects make an unknown field legal, and a 429 is never a violation.
 */
const NOT_CHECK_FAULTS = new Set(['undocumented-field', 'rate-limit']);

/**
 * Methods whose error union has no variant for a malformed request, so a schema-invalid request
 * can only be refused with a variant outside it: a warning, never a failure.
 */
const NO_VARIANT_FOR_BAD_INPUT = new Set([
  'businesses.list',
  'integrations.insert',
  'repairer.work-providers.list',
  'tier1.prepare',
]);

describe('fault matrix', () => {
  it('finds nothing wrong with the clean reference target', async () => {
    const result = await runAgainstReference([]);
    const failures = result.findings.filter((finding) => finding.severity === 'failure');
    expect(
      failures.map((finding) => `${finding.method} ${finding.check}: ${finding.message}`),
    ).toEqual([]);
    expect(result.summary.failures).toBe(0);
    expect(result.summary.verdicts.fail).toBe(0);
    expect(result.summary.notProven).toBe(false);
    for (const warning of result.findings) {
      expect(warning.caseId).toMatch(/#invalid-/);
      expect(NO_VARIANT_FOR_BAD_INPUT.has(warning.method)).toBe(true);
    }
    expect(result.sequences.map((sequence) => sequence.verdict)).toEqual(
      result.sequences.map(() => 'pass'),
    );
  });

  for (const fault of REFERENCE_FAULTS.filter((item) => !NOT_CHECK_FAULTS.has(item.name))) {
    it(`reports ${fault.name} by ${fault.check}`, async () => {
      const result = await runAgainstReference([fault.name]);
      const owned = result.findings.filter((finding) => finding.check === fault.check);
      expect(owned.length, `no ${fault.check} finding for ${fault.name}`).toBeGreaterThan(0);
      const cellFailed = result.methods.some((method) =>
        method.checks.some((check) => check.check === fault.check && check.verdict === 'fail'),
      );
      const sequenceFailed = result.sequences.some(
        (sequence) => sequence.check === fault.check && sequence.verdict === 'fail',
      );
      const warned = owned.some((finding) => finding.severity === 'warning');
      expect(cellFailed || sequenceFailed || warned).toBe(true);
    });
  }

  it('shows an undocumented field as wire drift, not a failure', async () => {
    const result = await runAgainstReference(['undocumented-field']);
    expect(result.summary.failures).toBe(0);
    const jobs = result.observations.find((item) => item.method === 'repairer.jobs.get');
    expect(jobs?.undocumentedFields).toContain('/x_debug_trace');
  });
});
