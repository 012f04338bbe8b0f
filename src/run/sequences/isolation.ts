import { itemsOf, stringField } from './read.js';
import type { SequenceRecorder } from './recorder.js';
import { describeOutcome } from './recorder.js';

const PROBE_PART = 'Isolation probe part';

/**
 * Checks that a write in one tenant is invisible in another: a job created in tenant A is not_found in
 * tenant B, and a part added to the seeded job in A is absent from that job in B.
 */
export async function runIsolation(
  inA: SequenceRecorder,
  inB: SequenceRecorder,
  reference: string,
): Promise<void> {
  const fixtures = inA.session.options.fixtures;
  const created = await inA.expectOk('repairer.jobs.insert', 'repairer', {
    identity: { external: reference },
    repairer_site_id: fixtures.repairerSiteId,
    work_provider_id: fixtures.workProviderId,
  });
  const jobId = stringField(created, 'id');
  await inA.expectOk('repairer.jobs.parts.insert', 'repairer', {
    job_identity: { external: fixtures.jobExternal },
    parts: [{ description: PROBE_PART, quantity: 1 }],
  });

  for (const identity of [{ external: reference }, ...(jobId ? [{ id: jobId }] : [])]) {
    const { status, exchange } = await inB.call('repairer.jobs.get', 'repairer', { identity });
    if (status === 200) {
      inB.fail('isolation', 'a job of one tenant is invisible in another', {
        message: 'another tenant reads the job',
        expected: '404 not_found',
        actual: describeOutcome(exchange),
      });
    }
    if (status !== 404) {
      inB.breach('warning', 'isolation', 'a job of another tenant is not_found', {
        message: 'another tenant gets no not_found for the job',
        expected: '404 not_found',
        actual: describeOutcome(exchange),
      });
    }
  }

  const parts = await inB.expectOk('repairer.jobs.parts.list', 'repairer', {
    job_identity: { external: fixtures.jobExternal },
  });
  if (itemsOf(parts).some((item) => stringField(item, 'description') === PROBE_PART)) {
    inB.fail('isolation', 'the seeded job of another tenant stays pristine', {
      message: 'a part added in one tenant shows in another',
      expected: `no part "${PROBE_PART}"`,
      actual: `the part is listed`,
    });
  }
}
