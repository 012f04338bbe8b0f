// The benchmark, run by hand with `npm run bench`: the harness against the ceiling of its own
// target, on loopback only. Writes reports/bench.json. See bench/README.md for the targets.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/partly-conformance.js');
const WORKER = join(ROOT, 'bench/harness-worker.ts');
const CONCURRENCY = 16;
/** Cases per method for the rate run: enough for several seconds of sending. */
const RATE_CASES = 400;
const AUTOCANNON_SECONDS = 5;

interface WorkerResult {
  methods: number;
  exchanges: number;
  loadMs: number;
  runMs: number;
  totalMs: number;
  peakRssBytes: number;
}

/** Starts `partly-conformance serve` in its own process and reads the URL it prints first. */
async function startTarget(): Promise<{ url: string; process: ChildProcess }> {
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

async function measureCeiling(url: string): Promise<number> {
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
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`autocannon saw ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return result.requests.average;
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
      resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as WorkerResult);
    });
  });
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

async function main(): Promise<void> {
  const target = await startTarget();
  try {
    console.log(`reference target: ${target.url} (own process)`);
    const ceiling = await measureCeiling(target.url);
    console.log(
      `autocannon ceiling, repairer.jobs.get, ${CONCURRENCY} connections: ${Math.round(ceiling)}/s`,
    );

    const rateRun = await runWorker([target.url, String(RATE_CASES), String(CONCURRENCY)]);
    const harnessRate = rateRun.exchanges / (rateRun.runMs / 1000);
    console.log(
      `harness: ${rateRun.exchanges} exchanges judged in ${Math.round(rateRun.runMs)} ms = ` +
        `${Math.round(harnessRate)}/s, ratio ${(harnessRate / ceiling).toFixed(2)}, ` +
        `peak RSS ${megabytes(rateRun.peakRssBytes)} MB`,
    );

    const oneX = await runWorker([target.url, '100', String(CONCURRENCY)]);
    const tenX = await runWorker([target.url, '1000', String(CONCURRENCY)]);
    console.log(
      `peak RSS at 100 cases ${megabytes(oneX.peakRssBytes)} MB, at 1000 cases ` +
        `${megabytes(tenX.peakRssBytes)} MB, ratio ${(tenX.peakRssBytes / oneX.peakRssBytes).toFixed(2)}`,
    );

    const folder = await mkdtemp(join(tmpdir(), 'partly-bench-spec-'));
    const fifty = await runWorker([
      target.url,
      '10',
      String(CONCURRENCY),
      await writeSyntheticSpec(folder, 50),
      'none',
    ]);
    const fiveHundred = await runWorker([
      target.url,
      '10',
      String(CONCURRENCY),
      await writeSyntheticSpec(folder, 500),
      'none',
    ]);
    console.log(
      `synthetic spec: 50 methods ${Math.round(fifty.totalMs)} ms, 500 methods ` +
        `${Math.round(fiveHundred.totalMs)} ms, ratio ${(fiveHundred.totalMs / fifty.totalMs).toFixed(2)}`,
    );

    const startMs = await timeDefaultRun();
    console.log(
      `default run (npm start: 17 methods, 100+100 cases each, sequences): ${Math.round(startMs)} ms`,
    );

    const figures = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      concurrency: CONCURRENCY,
      ceilingPerSecond: ceiling,
      harness: { ...rateRun, perSecond: harnessRate, ratioToCeiling: harnessRate / ceiling },
      memory: {
        oneX: oneX.peakRssBytes,
        tenX: tenX.peakRssBytes,
        ratio: tenX.peakRssBytes / oneX.peakRssBytes,
      },
      methodsScaling: { fifty, fiveHundred, ratio: fiveHundred.totalMs / fifty.totalMs },
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
