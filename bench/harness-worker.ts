// One harness measurement in a process of its own, so its peak memory is its own. Prints one
// JSON line: exchanges judged, milliseconds and CPU spent sending and judging, and peak RSS.
import { EXCHANGE_CHECKS } from '../src/checks/index.js';
import { resolveOptions } from '../src/config/resolve.js';
import { discover } from '../src/run/discovery.js';
import { executeCases } from '../src/run/execute.js';
import { interleave, planMethod } from '../src/run/plan.js';
import { createSession, type RunSession } from '../src/run/session.js';

interface WorkerArguments {
  target: string;
  cases: number;
  concurrency: number;
  spec?: string;
  extensions: boolean;
}

/** What one worker measured; the bench reads it from the last line of stdout. */
export interface WorkerResult {
  methods: number;
  /** Exchanges the run judged with every check, discovery excluded. */
  exchanges: number;
  /** Judgements of one check on one exchange that had evidence, summed over every check. */
  judgements: number;
  loadMs: number;
  runMs: number;
  totalMs: number;
  /** CPU time of this process (user and system, all threads) while it sent and judged. */
  runCpuMs: number;
  /** Exchanges that ended without a complete response; the bench rejects a run that has any. */
  transportErrors: number;
  peakRssBytes: number;
}

function readArguments(): WorkerArguments {
  const [target, cases, concurrency, spec, extensions] = process.argv.slice(2);
  if (target === undefined || cases === undefined || concurrency === undefined) {
    throw new Error('usage: harness-worker TARGET CASES CONCURRENCY [SPEC] [extensions|none]');
  }
  return {
    target,
    cases: Number(cases),
    concurrency: Number(concurrency),
    ...(spec && spec !== '-' ? { spec } : {}),
    extensions: extensions !== 'none',
  };
}

function countExchanges(session: RunSession): number {
  return session.catalogue.methods.reduce(
    (sum, method) => sum + session.aggregator.exchangesOf(method.name),
    0,
  );
}

function countJudgements(session: RunSession): number {
  let sum = 0;
  for (const method of session.catalogue.methods) {
    for (const check of EXCHANGE_CHECKS) {
      sum += session.aggregator.result(method.name, check.name, '').exchanges;
    }
  }
  return sum;
}

async function measure(): Promise<void> {
  const input = readArguments();
  const loadStarted = performance.now();
  const options = resolveOptions(
    {
      seed: 1,
      cases: input.cases,
      concurrency: input.concurrency,
      ...(input.spec ? { spec: input.spec } : {}),
      ...(input.extensions ? {} : { extensionsSpec: false }),
    },
    {},
  );
  const session = await createSession(options, input.target);
  await discover(session);
  const discoveryExchanges = countExchanges(session);
  const discoveryJudgements = countJudgements(session);

  const planned = performance.now();
  const cpuBefore = process.cpuUsage();
  const plans = session.catalogue.methods.map((method) =>
    planMethod(method, session.generators, session.options),
  );
  await executeCases(session, interleave(plans));
  const finished = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const transportErrors = Object.values(session.client.stats().transportErrors).reduce(
    (sum, count) => sum + (count ?? 0),
    0,
  );
  await session.client.close();

  const result: WorkerResult = {
    methods: session.catalogue.methods.length,
    exchanges: countExchanges(session) - discoveryExchanges,
    judgements: countJudgements(session) - discoveryJudgements,
    loadMs: planned - loadStarted,
    runMs: finished - planned,
    totalMs: finished - loadStarted,
    runCpuMs: (cpu.user + cpu.system) / 1000,
    transportErrors,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await measure();
