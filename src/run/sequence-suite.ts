import { describe, test } from 'vitest';
import { isFirstShard } from './discovery.js';
import type { SequenceMeta } from './meta.js';
import { SEQUENCES } from './sequences/run-sequences.js';
import { sessionForSuite } from './suite.js';

/** Maximum time one sequence may take, shrinking included, in milliseconds. */
const SEQUENCE_TIMEOUT_MS = 10 * 60 * 1000;

/** Declares one test per stateful sequence; each runs in tenants of its own. */
export async function defineSequenceSuite(): Promise<void> {
  const session = await sessionForSuite();
  // Sequences run once per run: in the first shard when the run is split.
  if (!isFirstShard(session)) {
    // vitest rejects a file without tests, so the shard declares a skipped test naming where its sequences run.
    test.skip('sequences run in the first shard', () => undefined);
    return;
  }
  describe('sequences', () => {
    for (const sequence of SEQUENCES) {
      test(
        sequence.name,
        async (context) => {
          const outcome = await sequence.run(session);
          const meta: SequenceMeta = {
            kind: 'sequence',
            result: outcome.result,
            findings: outcome.findings,
          };
          context.task.meta.partly = meta;
          session.sequences.push(outcome.result);
          if (outcome.result.verdict === 'not-proven') {
            context.skip(`not proven: ${outcome.result.message ?? 'no evidence'}`);
          }
          if (outcome.result.verdict === 'fail') {
            throw new Error(`${outcome.result.name}: ${outcome.result.message ?? 'failed'}`);
          }
        },
        SEQUENCE_TIMEOUT_MS,
      );
    }
  });
}
