import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveOptions } from '../../../src/config/resolve.js';
import type { ReporterStream } from '../../../src/reporters/options.js';
import type { Reporter } from '../../../src/reporters/types.js';
import type { RunResult } from '../../../src/run/results.js';

/** A stream that keeps what is written, optionally posing as a TTY. */
export interface CapturedStream extends ReporterStream {
  text(): string;
}

export function captureStream(isTTY = false): CapturedStream {
  const chunks: string[] = [];
  return {
    isTTY,
    write(text: string): boolean {
      chunks.push(text);
      return true;
    },
    text(): string {
      return chunks.join('');
    },
  };
}

/** Makes a fresh temporary folder and returns it with a function that removes it. */
export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'partly-reporters-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Sends `result` to the reporter's onRunEnd with `dir` as the reports folder. */
export async function endRun(reporter: Reporter, result: RunResult, dir: string): Promise<void> {
  const options = resolveOptions({ seed: result.seed, reports: dir }, {});
  await reporter.onRunEnd?.({ result, reportsDir: dir, options });
}

/** Plain environment: no colour switches, not CI, not GitHub Actions. */
export const PLAIN_ENV: Record<string, string | undefined> = {};

/** Replaces durations and rates so snapshots do not depend on timing. */
export function maskTimes(text: string): string {
  return text
    .replace(/\b\d+(\.\d+)? (ms|s)\b/g, '<duration>')
    .replace(/\b\d+ min \d+ s\b/g, '<duration>')
    .replace(/\b[\d,]+\/s\b/g, '<rate>/s')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');
}
