// The benchmark, run by hand with `npm run bench`: the harness against the ceiling of its own
// target, on loopback only. Writes reports/bench.json. See bench/README.md for the targets.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { WorkerResult } from './harness-worker.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/partly-conformance.js');
const WORKER = join(ROOT, 'bench/harness-worker.ts');
/** Requests in flight, for autocannon's connections and the harness's concurrency alike. */
const CONCURRENCY = 16;
/** Cases per method for the rate run: enough for several seconds of sending. */
const RATE_CASES = 400;
const AUTOCANNON_SECONDS = 5;
/**
 * Rounds of ceiling then harness. The machine may be shared, so each round pairs a ceiling with
 * the harness run right after it, and the medians are reported.
 */
const ROUNDS = 3;
/** Runs at each case count of the memory comparison; the medians are compared. */
const MEMORY_RUNS = 3;

interface Target {
  url: string;
  process: ChildProcess;
}

interface Ceiling {
  perSecond: number;
  /** CPU time autocannon's own process spent per request, in microseconds. */
  clientCpuUsPerRequest: number;
}

interface Round {
  ceiling: Ceiling;
  harness: WorkerResult;
  perSecond: number;
  ratio: number;
  harnessCpuUsPerExchange: number;
  /** CPU time the target spent per exchange of the harness run; undefined off Linux. */
  targetCpuUsPerExchange: number | undefined;
}

/** Starts `partly-conformance serve` in its own process and reads the URL it prints first. */
async function startTarget(): Promise<Target> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url: url.trim(), process: child };
}

/** Clock ticks per second of /proc/<pid>/stat; 100 on Linux unless `getconf` reports otherwise. */
function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

const TICKS_PER_SECOND = clockTicksPerSecond();

/** CPU milliseconds (user and system) a process has used so far; undefined without /proc. */
function processCpuMs(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) {
    return undefined;
  }
  // Fields 14 and 15 (utime, stime) follow the command name, which is in parentheses.
  const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
}

async function measureCeiling(url: string): Promise<Ceiling> {
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: `${url}/api/2026-01/repairer.jobs.get`,
    method: 'POST',
    connections: CONCURRENCY,
    duration: AUTOCANNON_SECONDS,
    headers: {
      authorization: 'Bearer partly_demo_repairer_3f8a1c0d9e2b4a67b1c2',
      'partly-integration-id': '0c000000-0000-4000-8000-000000000001',
      'content-type': 'application/json',
      'x-partifact-tenant': 'bench',
    },
    body: JSON.stringify({ identity: { external: 'CCC-2026-04817' } }),
  });
  const cpu = process.cpuUsage(cpuBefore);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `autocannon saw ${result.non2xx} non-2xx responses and ${result.errors} errors`,
    );
  }
  return {
    perSecond: result.requests.average,
    clientCpuUsPerRequest: (cpu.user + cpu.system) / result.requests.total,
  };
}

function runWorker(args: string[]): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`harness worker exited with ${code}`));
        return;
      }
      const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as WorkerResult;
      if (result.transportErrors > 0) {
        reject(new Error(`harness worker saw ${result.transportErrors} transport errors`));
        return;
      }
      resolve(result);
    });
  });
}

/** One round: the ceiling, then the harness at the same concurrency, with the target's CPU. */
async function measureRound(target: Target): Promise<Round> {
  const ceiling = await measureCeiling(target.url);
  const targetCpuBefore = processCpuMs(target.process.pid);
  const harness = await runWorker([target.url, String(RATE_CASES), String(CONCURRENCY)]);
  const targetCpuAfter = processCpuMs(target.process.pid);
  const perSecond = harness.exchanges / (harness.runMs / 1000);
  const targetCpuMs =
    targetCpuBefore === undefined || targetCpuAfter === undefined
      ? undefined
      : targetCpuAfter - targetCpuBefore;
  return {
    ceiling,
    harness,
    perSecond,
    ratio: perSecond / ceiling.perSecond,
    harnessCpuUsPerExchange: (harness.runCpuMs * 1000) / harness.exchanges,
    // The target also served the worker's discovery calls, a few dozen of several thousand.
    targetCpuUsPerExchange:
      targetCpuMs === undefined ? undefined : (targetCpuMs * 1000) / harness.exchanges,
  };
}

async function timeDefaultRun(): Promise<number> {
  const reports = await mkdtemp(join(tmpdir(), 'partly-bench-'));
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', '--seed', '1', '--reports', reports], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm start equivalent exited with ${code}`)),
    );
  });
  return performance.now() - started;
}

/** Writes a spec of `count` methods, each a copy of repairer.jobs.get under a new name. */
async function writeSyntheticSpec(folder: string, count: number): Promise<string> {
  const pinned = JSON.parse(
    await readFile(join(ROOT, 'spec/partly-2026-01.openapi.json'), 'utf8'),
  ) as { paths: Record<string, { post: { operationId: string } }> };
  const template = pinned.paths['/api/2026-01/repairer.jobs.get'];
  if (!template) {
    throw new Error('the pinned spec has no repairer.jobs.get to copy');
  }
  const paths: Record<string, unknown> = {};
  for (let index = 0; index < count; index += 1) {
    const name = `synthetic.m${index}.get`;
    paths[`/api/2026-01/${name}`] = { post: { ...template.post, operationId: name } };
  }
  const path = join(folder, `synthetic-${count}.openapi.json`);
  await writeFile(path, JSON.stringify({ ...pinned, paths }));
  return path;
}

function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function describeRound(round: Round, index: number): string {
  const targetCpu =
    round.targetCpuUsPerExchange === undefined
      ? 'n/a'
      : `${Math.round(round.targetCpuUsPerExchange)} us`;
  return (
    `round ${index + 1}: ceiling ${Math.round(round.ceiling.perSecond)}/s ` +
    `(autocannon ${round.ceiling.clientCpuUsPerRequest.toFixed(0)} us CPU per request), ` +
    `harness ${round.harness.exchanges} exchanges in ${Math.round(round.harness.runMs)} ms = ` +
    `${Math.round(round.perSecond)}/s, ratio ${round.ratio.toFixed(2)}, CPU per exchange: ` +
    `harness ${Math.round(round.harnessCpuUsPerExchange)} us, target ${targetCpu}`
  );
}

async function measureRate(target: Target): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let index = 0; index < ROUNDS; index += 1) {
    const round = await measureRound(target);
    console.log(describeRound(round, index));
    rounds.push(round);
  }
  return rounds;
}

async function measureMemory(target: Target): Promise<{ oneX: number[]; tenX: number[] }> {
  const oneX: number[] = [];
  const tenX: number[] = [];
  for (let run = 0; run < MEMORY_RUNS; run += 1) {
    oneX.push((await runWorker([target.url, '100', String(CONCURRENCY)])).peakRssBytes);
    tenX.push((await runWorker([target.url, '1000', String(CONCURRENCY)])).peakRssBytes);
  }
  console.log(
    `peak RSS at 100 cases ${oneX.map(megabytes).join(', ')} MB, at 1000 cases ` +
      `${tenX.map(megabytes).join(', ')} MB, ratio of medians ` +
      `${(median(tenX) / median(oneX)).toFixed(2)}`,
  );
  return { oneX, tenX };
}

async function measureMethodScaling(target: Target) {
  const folder = await mkdtemp(join(tmpdir(), 'partly-bench-spec-'));
  const run = async (count: number) =>
    runWorker([
      target.url,
      '10',
      String(CONCURRENCY),
      await writeSyntheticSpec(folder, count),
      'none',
    ]);
  const fifty = await run(50);
  const fiveHundred = await run(500);
  console.log(
    `synthetic spec: 50 methods ${Math.round(fifty.totalMs)} ms, 500 methods ` +
      `${Math.round(fiveHundred.totalMs)} ms, ratio ${(fiveHundred.totalMs / fifty.totalMs).toFixed(2)}`,
  );
  return { fifty, fiveHundred, ratio: fiveHundred.totalMs / fifty.totalMs };
}

async function main(): Promise<void> {
  const target = await startTarget();
  try {
    console.log(`reference target: ${target.url} (own process)`);
    const rounds = await measureRate(target);
    const ratio = median(rounds.map((round) => round.ratio));
    console.log(
      `median: ceiling ${Math.round(median(rounds.map((round) => round.ceiling.perSecond)))}/s, ` +
        `harness ${Math.round(median(rounds.map((round) => round.perSecond)))}/s, ` +
        `ratio ${ratio.toFixed(2)}`,
    );

    const memory = await measureMemory(target);
    const methodsScaling = await measureMethodScaling(target);
    const startMs = await timeDefaultRun();
    console.log(
      `default run (npm start: 17 methods, 100+100 cases each, sequences): ${Math.round(startMs)} ms`,
    );

    const figures = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      concurrency: CONCURRENCY,
      rateCases: RATE_CASES,
      rounds,
      median: {
        ceilingPerSecond: median(rounds.map((round) => round.ceiling.perSecond)),
        harnessPerSecond: median(rounds.map((round) => round.perSecond)),
        ratioToCeiling: ratio,
      },
      memory: {
        oneX: memory.oneX,
        tenX: memory.tenX,
        ratio: median(memory.tenX) / median(memory.oneX),
      },
      methodsScaling,
      defaultRunMs: startMs,
    };
    await mkdir(join(ROOT, 'reports'), { recursive: true });
    await writeFile(join(ROOT, 'reports/bench.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log('wrote reports/bench.json');
  } finally {
    target.process.kill('SIGTERM');
  }
}

await main();
