import { describe, expect, it } from 'vitest';
import type { Finding, FindingDraft } from '../../../src/checks/types.js';
import { Aggregator, MAX_FINDINGS_PER_CELL } from '../../../src/run/aggregate.js';

function draft(severity: FindingDraft['severity'], index: number): FindingDraft {
  return { severity, message: `draft ${index}`, expected: 'x', actual: 'y', pointer: '' };
}

function toFinding(value: FindingDraft): Finding {
  return {
    ...value,
    check: 'status-code',
    method: 'repairer.jobs.get',
    caseId: 'repairer.jobs.get#valid-0',
    exchangeId: 'exchange',
    curl: 'curl',
  };
}

describe('Aggregator.recordDrafts', () => {
  it('builds findings only while the cell has room', () => {
    const aggregator = new Aggregator();
    let built = 0;
    const build = (value: FindingDraft): Finding => {
      built += 1;
      return toFinding(value);
    };
    const exchanges = MAX_FINDINGS_PER_CELL + 15;
    for (let index = 0; index < exchanges; index += 1) {
      aggregator.recordDrafts('repairer.jobs.get', 'status-code', [draft('warning', index)], build);
    }

    expect(built).toBe(MAX_FINDINGS_PER_CELL);
    const findings = aggregator.findingsOf('repairer.jobs.get', 'status-code');
    expect(findings).toHaveLength(MAX_FINDINGS_PER_CELL);
    expect(findings[0]?.message).toBe('draft 0');
    const result = aggregator.result('repairer.jobs.get', 'status-code', 'no evidence');
    expect(result.exchanges).toBe(exchanges);
    expect(result.warnings).toBe(exchanges);
    expect(result.failures).toBe(0);
    expect(result.verdict).toBe('pass');
  });

  it('returns the kept finding of each draft', () => {
    const aggregator = new Aggregator();
    for (let index = 0; index < MAX_FINDINGS_PER_CELL - 1; index += 1) {
      aggregator.recordDrafts(
        'repairer.jobs.get',
        'status-code',
        [draft('warning', index)],
        toFinding,
      );
    }
    const kept = aggregator.recordDrafts(
      'repairer.jobs.get',
      'status-code',
      [draft('failure', 100), draft('failure', 101)],
      toFinding,
    );

    expect(kept[0]?.message).toBe('draft 100');
    expect(kept[1]).toBeUndefined();
    const result = aggregator.result('repairer.jobs.get', 'status-code', 'no evidence');
    expect(result.failures).toBe(2);
    expect(result.verdict).toBe('fail');
  });

  it('counts an exchange without findings as evidence', () => {
    const aggregator = new Aggregator();
    expect(aggregator.recordDrafts('repairer.jobs.get', 'auth', [], toFinding)).toEqual([]);
    const result = aggregator.result('repairer.jobs.get', 'auth', 'no evidence');
    expect(result.exchanges).toBe(1);
    expect(result.verdict).toBe('pass');
  });
});
