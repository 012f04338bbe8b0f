import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from '../../../src/reporters/console.js';
import type { RunProgressState } from '../../../src/reporters/types.js';
import { CLEAN_RUN, MIXED_RUN } from '../../fixtures/reporters/runs.js';
import { captureStream, endRun, maskTimes, PLAIN_ENV } from './support.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what these tests look for
const ANSI_ESCAPE = /\u001b\[/;

const PROGRESS: RunProgressState = {
  methodsDone: 5,
  methodsTotal: 17,
  exchanges: 1234,
  findings: 3,
  rate: 411.6,
};

function clockAt(times: number[]): () => Date {
  let index = 0;
  return () => new Date(times[Math.min(index++, times.length - 1)] ?? 0);
}

describe('console reporter', () => {
  it('prints the summary of a mixed run', async () => {
    const stream = captureStream();
    await endRun(createConsoleReporter({ stream, env: PLAIN_ENV }), MIXED_RUN, 'reports');
    expect(maskTimes(stream.text())).toMatchSnapshot();
  });

  it('prints the summary of a clean run', async () => {
    const stream = captureStream();
    await endRun(createConsoleReporter({ stream, env: PLAIN_ENV }), CLEAN_RUN, 'reports');
    const text = stream.text();
    expect(text).toContain('RESULT: pass');
    expect(text).not.toContain('NOT PROVEN');
    expect(text).not.toContain('failures\n');
    expect(text).toContain('reproduce: npx partly-conformance run --seed 7');
  });

  it('shows a row per method with readable verdicts', async () => {
    const stream = captureStream();
    await endRun(createConsoleReporter({ stream, env: PLAIN_ENV }), MIXED_RUN, 'reports');
    const lines = stream.text().split('\n');
    for (const method of MIXED_RUN.methods) {
      expect(lines.some((line) => line.startsWith(`${method.method} `))).toBe(true);
    }
    const parts = lines.find((line) => line.startsWith('repairer.jobs.parts.insert '));
    expect(parts).toContain('FAIL');
    const invoices = lines.find((line) => line.startsWith('repairer.procurements.invoices.get '));
    expect(invoices).toContain('n/p');
  });

  it('lists failures with message, pointer and curl line', async () => {
    const stream = captureStream();
    await endRun(createConsoleReporter({ stream, env: PLAIN_ENV }), MIXED_RUN, 'reports');
    const text = stream.text();
    expect(text).toContain('FAIL repairer.jobs.baskets.latest.get · no-offer-currency (1 failure)');
    expect(text).toContain('at: /basket/offers/0/currency');
    expect(text).toContain(
      'curl -sS -g -X POST http://127.0.0.1:4010/api/2026-01/repairer.jobs.baskets.latest.get ',
    );
    expect(text).toContain('FAIL sequence role-matrix · auth');
  });

  it('says loudly when anything is not proven', async () => {
    const stream = captureStream();
    await endRun(createConsoleReporter({ stream, env: PLAIN_ENV }), MIXED_RUN, 'reports');
    expect(stream.text()).toContain(
      'NOT PROVEN: 4 of 153 method x check cells and 1 sequence have no evidence',
    );
  });

  it('writes no escape codes with NO_COLOR on a TTY', async () => {
    const stream = captureStream(true);
    await endRun(createConsoleReporter({ stream, env: { NO_COLOR: '1' } }), MIXED_RUN, 'reports');
    expect(stream.text()).not.toMatch(ANSI_ESCAPE);
  });

  it('writes no escape codes when not a TTY', async () => {
    const stream = captureStream(false);
    await endRun(createConsoleReporter({ stream, env: PLAIN_ENV }), MIXED_RUN, 'reports');
    expect(stream.text()).not.toMatch(ANSI_ESCAPE);
  });

  it('colours a TTY and FORCE_COLOR', async () => {
    const tty = captureStream(true);
    await endRun(createConsoleReporter({ stream: tty, env: PLAIN_ENV }), MIXED_RUN, 'reports');
    expect(tty.text()).toMatch(ANSI_ESCAPE);
    const forced = captureStream(false);
    await endRun(
      createConsoleReporter({ stream: forced, env: { FORCE_COLOR: '1' } }),
      MIXED_RUN,
      'reports',
    );
    expect(forced.text()).toMatch(ANSI_ESCAPE);
  });

  it('keeps escape codes from the target out of the terminal', async () => {
    const stream = captureStream(false);
    await endRun(createConsoleReporter({ stream, env: PLAIN_ENV }), MIXED_RUN, 'reports');
    expect(stream.text()).toContain('500 with body');
    expect(stream.text()).not.toContain('\u001b');
  });

  it('redraws one progress line on a TTY', () => {
    const stream = captureStream(true);
    const now = clockAt([0, 1000, 1050, 2000]);
    const reporter = createConsoleReporter({ stream, env: { NO_COLOR: '1' }, now });
    reporter.onRunStart?.({
      target: 'embedded reference target',
      seed: 1,
      profile: 'gate',
      methods: 17,
      plannedCases: 3400,
    });
    reporter.onProgress?.(PROGRESS);
    reporter.onProgress?.(PROGRESS);
    reporter.onProgress?.({ ...PROGRESS, methodsDone: 6 });
    const text = stream.text();
    expect(text).toContain('\r\u001b[2Kmethods 5/17 · 1,234 exchanges · 3 findings · 412/s');
    expect(text).toContain('\r\u001b[2Kmethods 6/17');
    expect(text.match(/methods 5\/17/g)).toHaveLength(1);
    expect(text).not.toContain('progress:');
  });

  it('prints plain progress lines at most every interval in CI', () => {
    const stream = captureStream(true);
    const now = clockAt([0, 1000, 5000, 6000, 10_500]);
    const reporter = createConsoleReporter({
      stream,
      env: { CI: 'true' },
      now,
      plainIntervalMs: 5000,
    });
    reporter.onRunStart?.({
      target: 'embedded reference target',
      seed: 1,
      profile: 'gate',
      methods: 17,
      plannedCases: 3400,
    });
    for (let done = 1; done <= 4; done += 1) {
      reporter.onProgress?.({ ...PROGRESS, methodsDone: done });
    }
    const lines = stream
      .text()
      .split('\n')
      .filter((line) => line.startsWith('progress:'));
    expect(lines).toEqual([
      'progress: methods 2/17 · 1,234 exchanges · 3 findings · 412/s',
      'progress: methods 4/17 · 1,234 exchanges · 3 findings · 412/s',
    ]);
    expect(stream.text()).not.toContain('\r');
  });

  it('prints the start line with seed and plan', () => {
    const stream = captureStream();
    const reporter = createConsoleReporter({ stream, env: PLAIN_ENV });
    reporter.onRunStart?.({
      target: 'http://127.0.0.1:4010',
      seed: 99,
      profile: 'certify',
      methods: 17,
      plannedCases: 3400,
    });
    expect(stream.text()).toBe(
      'partly-conformance target http://127.0.0.1:4010 · profile certify · seed 99 · 17 methods · 3,400 cases planned\n',
    );
  });
});
