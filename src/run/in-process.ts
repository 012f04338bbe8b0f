import type { ResolvedOptions } from '../config/options.js';
import { checksFor, noEvidenceReason } from './applicable.js';
import { buildRunResult } from './build-result.js';
import { discover, isFirstShard } from './discovery.js';
import { executeCases } from './execute.js';
import type { CellMeta, SequenceMeta } from './meta.js';
import { interleave, planMethod, skipReason } from './plan.js';
import type { RunResult } from './results.js';
import { SEQUENCES } from './sequences/run-sequences.js';
import { createSession, type RunSession } from './session.js';

/** The verdict cells of every method of a session, as the suites report them. */
export function collectCells(session: RunSession): CellMeta[] {
  const observations = session.observer.snapshot();
  const budgetExhausted = session.client.stats().budgetExhausted;
  return session.catalogue.methods.flatMap((method) =>
    checksFor(method).map((check, index) => {
      const reason = skipReason(method, session.options) ?? noEvidenceReason(session, check);
      const cell: CellMeta = {
        kind: 'cell',
        method: method.name,
        extension: method.extension,
        methodExchanges: session.aggregator.exchangesOf(method.name),
        result: session.aggregator.result(method.name, check, reason),
        findings: session.aggregator.findingsOf(method.name, check),
        budgetExhausted,
      };
      const observation = observations.find((item) => item.method === method.name);
      if (index === 0 && observation) {
        cell.observation = observation;
      }
      return cell;
    }),
  );
}

/**
 * Runs every single-call case and every sequence in this process, without vitest. The project's
 * own tests and the benchmark use it; `partly-conformance run` goes through the vitest suites,
 * which call the same functions.
 */
export async function runInProcess(input: {
  options: ResolvedOptions;
  targetUrl: string;
  embedded: boolean;
  sequences?: boolean;
}): Promise<RunResult> {
  const startedAt = new Date();
  const session = await createSession(input.options, input.targetUrl);
  try {
    await discover(session);
    const plans = session.catalogue.methods.map((method) =>
      planMethod(method, session.generators, session.options),
    );
    await executeCases(session, interleave(plans));
    const sequences: SequenceMeta[] = [];
    if (input.sequences !== false && isFirstShard(session)) {
      for (const sequence of SEQUENCES) {
        const outcome = await sequence.run(session);
        sequences.push({ kind: 'sequence', result: outcome.result, findings: outcome.findings });
      }
    }
    return buildRunResult({
      collected: {
        cells: collectCells(session),
        sequences,
        budgetExhausted: session.client.stats().budgetExhausted,
      },
      catalogue: session.catalogue,
      options: input.options,
      targetUrl: input.targetUrl,
      embedded: input.embedded,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
    });
  } finally {
    await session.client.close();
  }
}
