import { describe, expect, it } from 'vitest';
import type { TestCase } from 'vitest/node';
import PartlyVitestReporter from '../../../src/run/vitest-reporter.js';

function crashedTest(message: string): TestCase {
  return {
    fullName: 'repairer > repairer.jobs.get > response-schema',
    meta: () => ({}),
    result: () => ({ state: 'failed', errors: [{ message }] }),
  } as unknown as TestCase;
}

describe('vitest reporter', () => {
  it('turns a crashed suite into a run error, never a result', async () => {
    const reporter = new PartlyVitestReporter({ reporters: [] });
    reporter.onTestCaseResult(crashedTest('cannot read properties of undefined\n    at frame'));
    await reporter.onTestRunEnd([], []);
    expect(reporter.result).toBeUndefined();
    expect(reporter.runError).toBe(
      'repairer > repairer.jobs.get > response-schema: cannot read properties of undefined',
    );
  });

  it('turns an unhandled error into a run error', async () => {
    const reporter = new PartlyVitestReporter({ reporters: [] });
    await reporter.onTestRunEnd([], [{ message: 'socket hang up\nmore' } as never]);
    expect(reporter.runError).toBe('socket hang up');
    expect(reporter.result).toBeUndefined();
  });
});
