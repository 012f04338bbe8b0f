// One harness measurement in a process of its own, so its peak memory is its own. Prints one
// JSON line: exchanges judged, milliseconds spent sending and judging, and peak RSS in bytes.
import { resolveOptions } from '../src/config/resolve.js';
import { discover } from '../src/run/discovery.js';
import { executeCases } from '../src/run/execute.js';
import { interleave, planMethod } from '../src/run/plan.js';
import { createSession } from '../src/run/session.js';

interface WorkerArguments {
  target: string;
  cases: number;
  concurrency: number;
  spec?: string;
  extensions: boolean;
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
  const planned = performance.now();
  const plans = session.catalogue.methods.map((method) =>
    planMethod(method, session.generators, session.options),
  );
  await executeCases(session, interleave(plans));
  const finished = performance.now();
  await session.client.close();
  const exchanges = session.catalogue.methods.reduce(
    (sum, method) => sum + session.aggregator.exchangesOf(method.name),
    0,
  );
  const result = {
    methods: session.catalogue.methods.length,
    exchanges,
    loadMs: planned - loadStarted,
    runMs: finished - planned,
    totalMs: finished - loadStarted,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await measure();
