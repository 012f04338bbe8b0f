import { rememberResponse } from '../../generators/index.js';
import type { CaseInfo, CredentialKind } from '../checks/types.js';
import type { Fixtures } from '../config/options.js';
import { HarnessError } from '../errors.js';
import { judgeAndRecord, sendCase } from './execute.js';
import { skipReason } from './plan.js';
import type { RunSession } from './session.js';

interface DiscoveryStep {
  method: string;
  credential: CredentialKind;
  body: (fixtures: Fixtures) => unknown;
}

function itemIds(json: unknown): string[] {
  const items = (json as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) {
    return [];
  }
  return items.flatMap((item) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

/**
 * Reads the ids the target holds, one call after another in a fixed order, so that valid cases
 * can name records that exist and the same target state gives the same cases. Where the profile
 * allows writes, it also confirms the fixture procurement, so invoices exist for the invoice
 * methods to read.
 */
const STEPS: DiscoveryStep[] = [
  { method: 'businesses.list', credential: 'repairer', body: () => ({}) },
  { method: 'repairer.work-providers.list', credential: 'repairer', body: () => ({}) },
  {
    method: 'repairer.jobs.get',
    credential: 'repairer',
    body: (fixtures) => ({ identity: { external: fixtures.jobExternal } }),
  },
  {
    method: 'repairer.jobs.parts.list',
    credential: 'repairer',
    body: (fixtures) => ({ job_identity: { external: fixtures.jobExternal } }),
  },
  {
    method: 'repairer.jobs.baskets.latest.get',
    credential: 'repairer',
    body: (fixtures) => ({ job_identity: { external: fixtures.jobExternal } }),
  },
  {
    method: 'supplier.procurements.get',
    credential: 'supplier',
    body: (fixtures) => ({ identity: { id: fixtures.procurementId } }),
  },
  {
    method: 'supplier.procurements.confirm',
    credential: 'supplier',
    body: (fixtures) => ({ identity: { id: fixtures.procurementId } }),
  },
  {
    method: 'repairer.procurements.invoices.list',
    credential: 'repairer',
    body: (fixtures) => ({ procurement_identity: { id: fixtures.procurementId } }),
  },
];

/**
 * Stops the run when the target rejects a configured credential on a read that every valid
 * credential may make: that is a mistake in the config, not a finding against the target.
 */
function assertCredentialAccepted(step: DiscoveryStep, status: number | undefined): void {
  if (status !== 401 || (step.credential !== 'repairer' && step.credential !== 'supplier')) {
    return;
  }
  const role = step.credential;
  const prefix = `PARTLY_${role.toUpperCase()}`;
  throw new HarnessError(
    'HARNESS_CONFIG_INVALID',
    `The target rejected the ${role} credential with 401 on ${step.method}; check ` +
      `${prefix}_API_KEY and ${prefix}_INTEGRATION_ID (or credentials.${role} in the config)`,
  );
}

/** True unless the run is a shard other than the first. */
export function isFirstShard(session: RunSession): boolean {
  return (session.options.shard?.index ?? 1) === 1;
}

/** Runs the discovery steps once per session; their exchanges are judged like valid cases. */
export async function discover(session: RunSession): Promise<void> {
  if (session.discovered) {
    return;
  }
  session.discovered = true;
  const known = session.generators.known;
  for (const [index, step] of STEPS.entries()) {
    const method = session.catalogue.byName.get(step.method);
    if (!method || skipReason(method, session.options) !== undefined) {
      continue;
    }
    const info: CaseInfo = {
      id: `${method.name}#discovery-${index}`,
      kind: 'valid',
      credential: step.credential,
      referencesExist: true,
    };
    const body = step.body(session.options.fixtures);
    const exchange = await sendCase(session, method, info, body);
    if (exchange.error?.code === 'budget-exhausted') {
      return;
    }
    assertCredentialAccepted(step, exchange.response?.status);
    // Every shard reads the ids, but only the first judges these calls, so merged shards count
    // each of them once.
    if (isFirstShard(session)) {
      judgeAndRecord(session, method, info, exchange);
    }
    if (exchange.response?.status !== 200) {
      continue;
    }
    const json = exchange.response.json;
    rememberResponse(known, method.name, body, json);
    if (method.name === 'businesses.list') {
      known.add('site', itemIds(json));
    } else if (method.name === 'repairer.work-providers.list') {
      known.add('workProvider', itemIds(json));
    }
  }
}
