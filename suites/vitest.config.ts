import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

// The conformance suites. One worker runs every file in turn with shared module state, so one
// HTTP client holds the request budget and the rate limit for the whole run.
export default defineConfig({
  root,
  test: {
    include: ['suites/**/*.test.ts'],
    globalSetup: ['src/run/global-setup.ts'],
    pool: 'threads',
    maxWorkers: 1,
    isolate: false,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30 * 60 * 1000,
    reporters: ['default', './src/run/vitest-reporter.ts'],
  },
});
