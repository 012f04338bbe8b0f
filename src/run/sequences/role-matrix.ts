import type { CredentialKind } from '../../checks/types.js';
import type { MethodEntry } from '../../spec/types.js';
import { skipReason } from '../plan.js';
import { variantOf } from './read.js';
import type { SequenceRecorder } from './recorder.js';
import { describeOutcome } from './recorder.js';

/** Ids of the right form that no record has, standing in for another organization's records. */
const FOREIGN_ID = 'f0f0f0f0-0000-4000-8000-00000000f0f0';

/**
 * The role matrix: every repairer method with the supplier credential and every supplier method
 * with the repairer credential is forbidden. Refusing a supplier on a repairer method mirrors the
 * documented rule, so a miss there is a warning.
 */
async function checkRoleMatrix(recorder: SequenceRecorder): Promise<void> {
  const { catalogue, options } = recorder.session;
  for (const method of catalogue.methods) {
    const wrong = wrongCredential(method);
    if (!wrong || skipReason(method, options) !== undefined) {
      continue;
    }
    const { status, body, exchange } = await recorder.call(
      method.name,
      wrong,
      method.examples[0] ?? {},
    );
    if (status === 403 && variantOf(body) === 'forbidden') {
      continue;
    }
    const severity = method.role === 'supplier' && !method.roleInferred ? 'failure' : 'warning';
    recorder.breach(severity, 'auth', 'the wrong role is forbidden', {
      message: `${method.name} with the ${wrong} credential is not forbidden`,
      expected: '403 forbidden',
      actual: describeOutcome(exchange),
    });
  }
}

function wrongCredential(method: MethodEntry): CredentialKind | undefined {
  if (method.roleInferred) {
    return undefined;
  }
  if (method.role === 'repairer') {
    return 'supplier';
  }
  return method.role === 'supplier' ? 'repairer' : undefined;
}

/** Checks that a record the caller cannot see reads as not_found: never forbidden, never its data. */
async function checkForeignRecords(recorder: SequenceRecorder): Promise<void> {
  const reads: [string, CredentialKind, unknown][] = [
    ['repairer.jobs.get', 'repairer', { identity: { id: FOREIGN_ID } }],
    ['repairer.jobs.get', 'repairer', { identity: { external: 'PC-NO-SUCH-JOB-0000' } }],
    ['repairer.procurements.get', 'repairer', { identity: { id: FOREIGN_ID } }],
    ['supplier.procurements.get', 'supplier', { identity: { id: FOREIGN_ID } }],
  ];
  for (const [method, credential, body] of reads) {
    const { status, body: answer, exchange } = await recorder.call(method, credential, body);
    if (status === 404 && variantOf(answer) === 'not_found') {
      continue;
    }
    recorder.fail('auth', 'a record outside the organization is not_found', {
      message: `${method} for a record the caller cannot see did not return not_found`,
      expected: '404 not_found',
      actual: describeOutcome(exchange),
    });
  }
}

export async function runRoleMatrix(recorder: SequenceRecorder): Promise<void> {
  await checkRoleMatrix(recorder);
  await checkForeignRecords(recorder);
}
