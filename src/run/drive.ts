import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createVitest } from 'vitest/node';
import type { ResolvedOptions } from '../config/options.js';
import { HarnessError } from '../errors.js';
import type { Reporter } from '../reporters/types.js';
import { PACKAGE_ROOT } from '../version.js';
import type { RunResult } from './results.js';
import PartlyVitestReporter from './vitest-reporter.js';
import './meta.js';

const SUITES_CONFIG = fileURLToPath(new URL('../../suites/vitest.config.ts', import.meta.url));

/** Checks that the target's host accepts TCP connections, so a typo fails fast with exit 2. */
export async function assertReachable(targetUrl: string, timeoutMs: number): Promise<void> {
  const url = new URL(targetUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (reason: string): void => {
      socket.destroy();
      reject(
        new HarnessError(
          'HARNESS_TARGET_UNREACHABLE',
          `Target ${url.origin} is unreachable (${reason}); check --target and that it is running`,
        ),
      );
    };
    socket.setTimeout(timeoutMs, () => fail(`no connection within ${timeoutMs} ms`));
    socket.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
  });
}

export interface DriveOutcome {
  result: RunResult | undefined;
  /** The reason the run itself failed, when it did. */
  runError: string | undefined;
  /** The run error is a harness error whose message is complete without context. */
  runErrorIsHarness: boolean;
}

/** Runs the conformance suites under vitest against a target and returns what they found. */
export async function driveSuites(input: {
  options: ResolvedOptions;
  targetUrl: string;
  embedded: boolean;
  reporters: Reporter[];
  methodsTotal: number;
  plannedCases: number;
}): Promise<DriveOutcome> {
  const reporter = new PartlyVitestReporter({
    inputs: { options: input.options, targetUrl: input.targetUrl, embedded: input.embedded },
    reporters: input.reporters,
    methodsTotal: input.methodsTotal,
    plannedCases: input.plannedCases,
  });
  const vitest = await createVitest(
    'test',
    {
      config: SUITES_CONFIG,
      root: PACKAGE_ROOT,
      watch: false,
      provide: { partlyRun: { options: input.options, targetUrl: input.targetUrl } },
      reporters: [reporter],
    },
    {},
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
  }
  // vitest sets a failing exit code for failed tests; the CLI decides the exit code itself.
  process.exitCode = undefined;
  return {
    result: reporter.result,
    runError: reporter.runError,
    runErrorIsHarness: reporter.runErrorIsHarness,
  };
}
