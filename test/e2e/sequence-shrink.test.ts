import { describe, expect, it } from 'vitest';
import { runAgainstReference } from '../support/run-harness.js';

describe('failing buyer loop', () => {
  it('shrinks to a shorter loop that still fails', async () => {
    const result = await runAgainstReference(['parts-never-ordered']);
    const loop = result.sequences.find((sequence) => sequence.name === 'buyer loop 1');
    expect(loop?.verdict).toBe('fail');
    expect(loop?.message).toContain('placed parts are ordered');
    expect(loop?.message).toMatch(/shrunk in \d+ replays/);
    // The unshrunk loop reaches the failing parts.list after 13 calls; leaving out the steps that
    // feed nothing gets there in fewer.
    expect(loop?.steps.length).toBeLessThan(13);
    expect(loop?.steps.at(-1)?.method).toBe('repairer.jobs.parts.list');
    for (const step of loop?.steps ?? []) {
      expect(step.curl).toMatch(/^curl /);
    }
  });
});
