import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OAUTH_CLIENTS,
  type ReferenceTarget,
  SEEDED_CREDENTIALS,
} from '../../../src/reference/index.js';
import type { Catalogue, MethodEntry } from '../../../src/spec/types.js';
import {
  type Body,
  type CallOptions,
  call,
  freshTenant,
  IDS,
  loadSpecCatalogue,
  readSeedExamples,
  SEED_JOB,
  selection,
  startTarget,
} from './support.js';

/** One request that must produce a given variant, sent in a fresh tenant. */
interface Trigger {
  body: Body;
  options?: CallOptions;
  /** Calls made first in the same tenant, such as spending the access code. */
  setup?: { method: string; body: Body; options?: CallOptions }[];
}

const examples = new Map(readSeedExamples().map((example) => [example.method, example.body]));
const unknownJob = { external: `UNKNOWN-${randomUUID()}` };
const unknownId = { id: randomUUID() };
const limitedCredential = SEEDED_CREDENTIALS.find((credential) => !credential.mayListBusinesses);
const clientOf = (state: string) => OAUTH_CLIENTS.find((client) => client.state === state);

function example(method: string): Body {
  const body = examples.get(method);
  if (body === undefined) {
    throw new Error(`No seed example for ${method}`);
  }
  return body;
}

function install(clientId: string, clientSecret: string, accessCode = 'ac_demo_valid_15m'): Body {
  return { client_id: clientId, client_secret: clientSecret, access_code: accessCode };
}

const demoClient = clientOf('install');

/** Triggers of the variants that are not plain authentication or role errors. */
const SPECIFIC_TRIGGERS: Record<string, Record<string, Trigger>> = {
  'businesses.list': {
    forbidden: {
      body: {},
      options: limitedCredential === undefined ? {} : { auth: limitedCredential },
    },
  },
  'integrations.insert': {
    unauthorized: triggerForClient('revoked'),
    forbidden: triggerForClient('suspended'),
    o_auth_not_supported_by_integration: triggerForClient('oauth-not-supported'),
    integration_not_found: {
      body: install('partly_client_unknown', 'secret'),
      options: { credential: 'none' },
    },
    invalid_client_secret: {
      body: install(demoClient?.clientId ?? '', 'secret_wrong'),
      options: { credential: 'none' },
    },
    invalid_access_code: {
      body: example('integrations.insert'),
      options: { credential: 'none' },
      setup: [
        {
          method: 'integrations.insert',
          body: example('integrations.insert'),
          options: { credential: 'none' },
        },
      ],
    },
  },
  'repairer.jobs.baskets.latest.get': {
    not_found: { body: { job_identity: unknownJob } },
    bad_request: { body: { job_identity: { ...SEED_JOB, ...unknownId } } },
  },
  'repairer.jobs.get': { not_found: { body: { identity: unknownId } } },
  'repairer.jobs.insert': {
    unprocessable: {
      body: { identity: SEED_JOB, repairer_site_id: IDS.supplierBusinessId },
    },
    work_provider_not_found: {
      body: { identity: SEED_JOB, repairer_site_id: IDS.siteId, work_provider_id: randomUUID() },
    },
  },
  'repairer.jobs.parts.insert': {
    not_found: {
      body: { job_identity: unknownJob, parts: [{ description: 'Hood', quantity: 1 }] },
    },
    unprocessable: {
      body: { job_identity: SEED_JOB, parts: [{ description: 'Hood', quantity: 0 }] },
    },
  },
  'repairer.jobs.parts.list': { not_found: { body: { job_identity: unknownJob } } },
  'repairer.procurements.get': { not_found: { body: { identity: unknownId } } },
  'repairer.procurements.list': { not_found: { body: { job_identity: unknownJob } } },
  'supplier.procurements.confirm': {
    not_found: { body: { identity: unknownId }, options: { credential: 'supplier' } },
  },
  'supplier.procurements.get': {
    not_found: { body: { identity: unknownId }, options: { credential: 'supplier' } },
  },
  'uploads.prepare': {
    unprocessable: { body: { file_name: 'clip.mp4', media_type: 'video', type: 'job_media' } },
  },
  'repairer.procurements.insert': {
    not_found: {
      body: {
        job_identity: unknownJob,
        offer_selections: [selection(IDS.bumperPartId, IDS.bumperSellableId)],
      },
    },
    bad_request: {
      body: { offer_selections: [selection(IDS.bumperPartId, IDS.bumperSellableId)] },
    },
    unprocessable: {
      body: {
        job_identity: SEED_JOB,
        offer_selections: [selection(IDS.headlampPartId, IDS.bumperSellableId)],
      },
    },
  },
  'repairer.procurements.invoices.list': {
    not_found: { body: { procurement_identity: unknownId } },
    bad_request: {
      body: { procurement_identity: { id: IDS.procurementId }, job_identity: SEED_JOB },
    },
  },
  'repairer.procurements.invoices.get': {
    not_found: { body: { identity: { id: 'inv-unknown' } } },
  },
};

function triggerForClient(state: string): Trigger {
  const client = clientOf(state);
  return {
    body: install(client?.clientId ?? 'missing', client?.clientSecret ?? 'missing'),
    options: { credential: 'none' },
  };
}

/** Returns the trigger of a variant: a specific one, else the plain authentication or role error. */
function triggerFor(method: MethodEntry, variant: string): Trigger | undefined {
  const specific = SPECIFIC_TRIGGERS[method.name]?.[variant];
  if (specific !== undefined) {
    return specific;
  }
  const body = example(method.name);
  if (variant === 'unauthorized') {
    return { body, options: { credential: 'none' } };
  }
  if (variant === 'forbidden' && method.role === 'repairer') {
    return { body, options: { credential: 'supplier' } };
  }
  if (variant === 'forbidden' && method.role === 'supplier') {
    return { body, options: { credential: 'repairer' } };
  }
  return undefined;
}

let target: ReferenceTarget;
let catalogue: Catalogue;

beforeAll(async () => {
  target = await startTarget();
  catalogue = await loadSpecCatalogue();
});

afterAll(async () => {
  await target.close();
});

describe('error variants', () => {
  it('has a trigger for every variant of every method', () => {
    const missing = catalogue.methods.flatMap((method) =>
      method.variants
        .filter((variant) => triggerFor(method, variant.name) === undefined)
        .map((variant) => `${method.name} ${variant.name}`),
    );
    expect(missing).toEqual([]);
  });

  it('reaches every variant with its status and style', async () => {
    const cases = catalogue.methods.flatMap((method) =>
      method.variants.map((variant) => ({ method, variant })),
    );
    expect(cases.length).toBeGreaterThan(50);

    for (const { method, variant } of cases) {
      const label = `${method.name} ${variant.name}`;
      const trigger = triggerFor(method, variant.name);
      if (trigger === undefined) {
        throw new Error(`No trigger for ${label}`);
      }
      const tenant = freshTenant();
      for (const step of trigger.setup ?? []) {
        await call(target, step.method, step.body, { ...step.options, tenant });
      }

      const response = await call(target, method.name, trigger.body, {
        ...trigger.options,
        tenant,
      });

      expect(response.status, `${label}: ${response.text}`).toBe(variant.status);
      expect(response.headers['content-type'], label).toBe('application/json; charset=utf-8');
      expect(method.validateError(response.json), label).toEqual([]);
      if (method.errorStyle === 'bare-string') {
        expect(response.json, label).toBe(variant.name);
      } else {
        expect((response.json as Body).type, label).toBe(variant.name);
        expect((response.json as Body).x_extension, label).toBe(
          method.extension ? true : undefined,
        );
      }
    }
  });
});

describe('authentication order', () => {
  it('checks credentials before the body', async () => {
    const response = await call(
      target,
      'repairer.jobs.get',
      { identity: {} },
      { credential: 'none' },
    );

    expect(response.status).toBe(401);
  });

  it('checks the role before lookups', async () => {
    const response = await call(
      target,
      'repairer.procurements.get',
      { identity: unknownId },
      { credential: 'supplier' },
    );

    expect(response.status).toBe(403);
    expect(response.json).toEqual({ type: 'forbidden' });
  });

  it.each([
    ['an unknown key', 'wrong'],
    ['a key with another integration id', 'mismatched'],
  ] as const)('rejects %s with 401', async (_case, credential) => {
    const response = await call(target, 'repairer.jobs.get', example('repairer.jobs.get'), {
      credential,
    });

    expect(response.status).toBe(401);
    expect(response.json).toEqual({ type: 'unauthorized' });
  });

  it('rejects a bare-string method with a bare 403', async () => {
    const response = await call(
      target,
      'repairer.jobs.parts.insert',
      example('repairer.jobs.parts.insert'),
      { credential: 'supplier' },
    );

    expect(response.status).toBe(403);
    expect(response.json).toBe('forbidden');
  });

  it.each(['businesses.list', 'tier1.prepare'])('lets a supplier call %s', async (method) => {
    const response = await call(target, method, example(method), { credential: 'supplier' });

    expect(response.status).toBe(200);
  });

  it('lists the supplier business for a supplier', async () => {
    const response = await call(target, 'businesses.list', {}, { credential: 'supplier' });

    expect(response.json).toEqual({
      items: [{ id: IDS.supplierBusinessId, name: 'Christchurch Toyota' }],
    });
  });
});
