import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHarnessError } from '../../../src/errors.js';
import {
  FAULTS_ENVIRONMENT_VARIABLE,
  REFERENCE_FAULTS,
  type ReferenceTarget,
  resolveFaults,
  startReferenceTarget,
} from '../../../src/reference/index.js';
import type { Catalogue } from '../../../src/spec/types.js';
import {
  type Body,
  type CallResult,
  call,
  freshTenant,
  IDS,
  loadSpecCatalogue,
  placeBumperOrder,
  readSeedExamples,
  SEED_JOB,
  startTarget,
} from './support.js';

const UNKNOWN_JOB = { external: 'NO-SUCH-JOB' };
const GRANT = {
  access_code: 'ac_demo_valid_15m',
  client_id: 'partly_client_demo',
  client_secret: 'secret_demo_8f3a',
};

/** What one observation of a target returns; compared between the clean and the faulty target. */
type Observe = (target: ReferenceTarget) => Promise<unknown>;

interface FaultCase {
  observe: Observe;
  clean: unknown;
  faulty: unknown;
}

function jsonOf(response: CallResult): unknown {
  return response.json;
}

async function firstOffer(target: ReferenceTarget): Promise<Body> {
  const response = await call(target, 'repairer.jobs.baskets.latest.get', {
    job_identity: SEED_JOB,
  });
  return (response.json as { offers: Body[] }).offers[0] ?? {};
}

async function unknownJobGet(target: ReferenceTarget): Promise<[number, unknown]> {
  const response = await call(target, 'repairer.jobs.get', { identity: UNKNOWN_JOB });
  return [response.status, response.json];
}

async function bumperStatus(target: ReferenceTarget, tenant: string): Promise<string | undefined> {
  const response = await call(
    target,
    'repairer.jobs.parts.list',
    { job_identity: SEED_JOB },
    { tenant },
  );
  const parts = (response.json as { items: { id: string; status: string }[] }).items;
  return parts.find((part) => part.id === IDS.bumperPartId)?.status;
}

/** One observation per fault: its value on a clean target and on a target with that fault. */
const FAULT_CASES: Record<string, FaultCase> = {
  'offer-currency': {
    observe: async (target) => (await firstOffer(target)).currency,
    clean: undefined,
    faulty: 'NZD',
  },
  'offer-currency-nested': {
    observe: async (target) => (await firstOffer(target)).price,
    clean: '589.00',
    faulty: { amount: '589.00', currency_code: 'NZD' },
  },
  'parts-insert-tagged-errors': {
    observe: async (target) => [
      jsonOf(
        await call(target, 'repairer.jobs.parts.insert', { job_identity: UNKNOWN_JOB, parts: [] }),
      ),
      jsonOf(await call(target, 'repairer.jobs.get', { identity: UNKNOWN_JOB })),
    ],
    clean: ['not_found', { type: 'not_found' }],
    faulty: [{ type: 'not_found' }, { type: 'not_found' }],
  },
  'bare-string-errors': {
    observe: async (target) => [
      jsonOf(await call(target, 'repairer.jobs.get', { identity: UNKNOWN_JOB })),
      jsonOf(await call(target, 'repairer.procurements.invoices.list', {})),
      jsonOf(
        await call(target, 'repairer.jobs.parts.insert', { job_identity: UNKNOWN_JOB, parts: [] }),
      ),
    ],
    clean: [{ type: 'not_found' }, { type: 'bad_request', x_extension: true }, 'not_found'],
    faulty: ['not_found', 'bad_request', 'not_found'],
  },
  'extension-marker-missing': {
    observe: async (target) => [
      (
        (await call(target, 'repairer.procurements.invoices.list', { job_identity: SEED_JOB }))
          .json as Body
      ).x_extension,
      ((await call(target, 'repairer.procurements.invoices.list', {})).json as Body).x_extension,
    ],
    clean: [true, true],
    faulty: [undefined, true],
  },
  'extension-marker-stray': {
    observe: async (target) => [
      ((await call(target, 'repairer.jobs.get', { identity: SEED_JOB })).json as Body).x_extension,
      ((await call(target, 'repairer.jobs.get', { identity: UNKNOWN_JOB })).json as Body)
        .x_extension,
    ],
    clean: [undefined, undefined],
    faulty: [true, undefined],
  },
  'wrong-status-not-found': {
    observe: async (target) => [
      await unknownJobGet(target),
      (
        await call(target, 'repairer.jobs.insert', {
          identity: SEED_JOB,
          repairer_site_id: IDS.siteId,
          work_provider_id: '0a000000-0000-4000-8000-0000000000ff',
        })
      ).status,
    ],
    clean: [[404, { type: 'not_found' }], 404],
    faulty: [[400, { type: 'not_found' }], 404],
  },
  'undocumented-variant': {
    observe: async (target) => [
      await unknownJobGet(target),
      jsonOf(await call(target, 'repairer.jobs.parts.list', { job_identity: UNKNOWN_JOB })),
    ],
    clean: [[404, { type: 'not_found' }], { type: 'not_found' }],
    faulty: [[404, { type: 'missing' }], { type: 'not_found' }],
  },
  'schema-break-job-id': {
    observe: async (target) =>
      typeof ((await call(target, 'repairer.jobs.get', { identity: SEED_JOB })).json as Body).id,
    clean: 'string',
    faulty: 'number',
  },
  'missing-required-reference': {
    observe: async (target) => {
      const identity = { identity: { id: IDS.procurementId } };
      const buyer = await call(target, 'repairer.procurements.get', identity);
      const supplier = await call(target, 'supplier.procurements.get', identity, {
        credential: 'supplier',
      });
      return ['reference' in (buyer.json as Body), 'reference' in (supplier.json as Body)];
    },
    clean: [true, true],
    faulty: [false, false],
  },
  'server-error-on-valid': {
    observe: async (target) => {
      const valid = await call(target, 'repairer.work-providers.list', {});
      const unauthenticated = await call(
        target,
        'repairer.work-providers.list',
        {},
        { credential: 'none' },
      );
      return [valid.status, valid.status === 200 ? 'items' : valid.json, unauthenticated.status];
    },
    clean: [200, 'items', 401],
    faulty: [500, { type: 'internal' }, 401],
  },
  'html-error-page': {
    observe: async (target) => {
      const response = await call(target, 'repairer.jobs.parts.list', { job_identity: SEED_JOB });
      return [
        response.status,
        response.headers['content-type'],
        response.text.startsWith('<!DOCTYPE html>'),
      ];
    },
    clean: [200, 'application/json; charset=utf-8', false],
    faulty: [502, 'text/html; charset=utf-8', true],
  },
  'wrong-content-type': {
    observe: async (target) => {
      const response = await call(target, 'businesses.list', {});
      const failed = await call(target, 'businesses.list', {}, { credential: 'none' });
      return [
        response.headers['content-type'],
        Array.isArray((response.json as Body).items),
        failed.headers['content-type'],
      ];
    },
    clean: ['application/json; charset=utf-8', true, 'application/json; charset=utf-8'],
    faulty: ['text/plain; charset=utf-8', true, 'application/json; charset=utf-8'],
  },
  'accept-invalid': {
    observe: async (target) => {
      const invalid = await call(target, 'repairer.jobs.get', {});
      const malformed = await call(target, 'repairer.jobs.get', undefined, { raw: '{' });
      const unknown = await call(target, 'repairer.jobs.get', { identity: UNKNOWN_JOB });
      const id = invalid.status === 200 ? (invalid.json as Body).id : invalid.json;
      return [invalid.status, id, malformed.status, unknown.status];
    },
    clean: [400, { type: 'bad_request' }, 400, 404],
    faulty: [200, IDS.jobId, 400, 404],
  },
  'reject-valid': {
    observe: async (target) => {
      const valid = await call(target, 'repairer.jobs.baskets.latest.get', {
        job_identity: SEED_JOB,
      });
      const parts = await call(target, 'repairer.jobs.parts.list', { job_identity: SEED_JOB });
      return [valid.status, valid.status === 200 ? 'basket' : valid.json, parts.status];
    },
    clean: [200, 'basket', 200],
    faulty: [400, { type: 'bad_request' }, 200],
  },
  'auth-ignored': {
    observe: async (target) => {
      const body = { identity: SEED_JOB };
      return [
        (await call(target, 'repairer.jobs.get', body, { credential: 'none' })).status,
        (await call(target, 'repairer.jobs.get', body, { credential: 'wrong' })).status,
        (await call(target, 'repairer.jobs.get', body, { credential: 'supplier' })).status,
      ];
    },
    clean: [401, 401, 403],
    faulty: [200, 200, 403],
  },
  'role-not-enforced': {
    observe: async (target) => {
      const identity = { identity: { id: IDS.procurementId } };
      return [
        (
          await call(
            target,
            'repairer.jobs.get',
            { identity: SEED_JOB },
            { credential: 'supplier' },
          )
        ).status,
        (await call(target, 'supplier.procurements.get', identity, { credential: 'repairer' }))
          .status,
        (await call(target, 'repairer.jobs.get', { identity: SEED_JOB }, { credential: 'none' }))
          .status,
      ];
    },
    clean: [403, 403, 401],
    faulty: [200, 200, 401],
  },
  'parts-never-ordered': {
    observe: async (target) => {
      const tenant = freshTenant();
      await placeBumperOrder(target, tenant);
      return bumperStatus(target, tenant);
    },
    clean: 'ordered',
    faulty: 'estimated',
  },
  'confirm-ignored': {
    observe: async (target) => {
      const tenant = freshTenant();
      const identity = { identity: { id: IDS.procurementId } };
      const confirm = await call(target, 'supplier.procurements.confirm', identity, {
        tenant,
        credential: 'supplier',
      });
      const read = await call(target, 'repairer.procurements.get', identity, { tenant });
      const lines = (read.json as { source_items: { status: string }[] }).source_items;
      return [confirm.status, lines.map((line) => line.status)];
    },
    clean: [200, ['order_confirmed']],
    faulty: [200, ['order_requested']],
  },
  'invoice-before-confirmation': {
    observe: async (target) => {
      const tenant = freshTenant();
      const id = await placeBumperOrder(target, tenant);
      const listed = await call(
        target,
        'repairer.procurements.invoices.list',
        { procurement_identity: { id } },
        { tenant },
      );
      return (listed.json as { items: unknown[] }).items.length;
    },
    clean: 0,
    faulty: 1,
  },
  'upsert-duplicates': {
    observe: async (target) => {
      const tenant = freshTenant();
      const body = { identity: SEED_JOB, repairer_site_id: IDS.siteId };
      const inserted = await call(target, 'repairer.jobs.insert', body, { tenant });
      const read = await call(target, 'repairer.jobs.get', { identity: SEED_JOB }, { tenant });
      return [(inserted.json as Body).id === IDS.jobId, (read.json as Body).id];
    },
    clean: [true, IDS.jobId],
    faulty: [false, IDS.jobId],
  },
  'tenant-leak': {
    observe: async (target) => {
      const tenant = freshTenant();
      await placeBumperOrder(target, tenant);
      return bumperStatus(target, freshTenant());
    },
    clean: 'estimated',
    faulty: 'ordered',
  },
  'access-code-reusable': {
    observe: async (target) => {
      const tenant = freshTenant();
      const first = await call(target, 'integrations.insert', GRANT, {
        tenant,
        credential: 'none',
      });
      const second = await call(target, 'integrations.insert', GRANT, {
        tenant,
        credential: 'none',
      });
      return [first.status, second.status];
    },
    clean: [200, 400],
    faulty: [200, 200],
  },
  'undocumented-field': {
    observe: async (target) => {
      const job = (await call(target, 'repairer.jobs.get', { identity: SEED_JOB })).json as Body;
      return typeof job.x_debug_trace;
    },
    clean: 'undefined',
    faulty: 'string',
  },
  'rate-limit': {
    observe: async (target) => {
      const limited: unknown[] = [];
      for (let index = 0; index < 10; index += 1) {
        const response = await call(target, 'businesses.list', {});
        if (response.status === 429) {
          limited.push([response.headers['retry-after'], response.json]);
        }
      }
      return limited;
    },
    clean: [],
    faulty: [
      ['1', { type: 'rate_limited' }],
      ['1', { type: 'rate_limited' }],
    ],
  },
};

let clean: ReferenceTarget;
let catalogue: Catalogue;

beforeAll(async () => {
  clean = await startTarget();
  catalogue = await loadSpecCatalogue();
});

afterAll(async () => {
  await clean.close();
});

async function withTarget<T>(faults: string[], use: (target: ReferenceTarget) => Promise<T>) {
  const target = await startReferenceTarget({ faults });
  try {
    return await use(target);
  } finally {
    await target.close();
  }
}

describe('fault switches', () => {
  it('has an observation for every fault', () => {
    expect(Object.keys(FAULT_CASES).sort()).toEqual(
      REFERENCE_FAULTS.map((fault) => fault.name).sort(),
    );
  });

  it.each(REFERENCE_FAULTS.map((fault) => [fault.name] as const))(
    '%s changes its behaviour',
    async (name) => {
      const faultCase = FAULT_CASES[name];
      if (faultCase === undefined) {
        throw new Error(`No observation for ${name}`);
      }
      expect(faultCase.clean).not.toEqual(faultCase.faulty);

      expect(await faultCase.observe(clean)).toEqual(faultCase.clean);
      const observed = await withTarget([name], faultCase.observe);
      expect(observed).toEqual(faultCase.faulty);
    },
  );

  it.each([
    ['offer-currency', ['repairer.jobs.baskets.latest.get']],
    ['schema-break-job-id', ['repairer.jobs.get', 'repairer.jobs.insert']],
    [
      'extension-marker-missing',
      ['repairer.procurements.insert', 'repairer.procurements.invoices.list'],
    ],
    [
      'missing-required-reference',
      [
        'repairer.procurements.get',
        'repairer.procurements.list',
        'supplier.procurements.confirm',
        'supplier.procurements.get',
      ],
    ],
    ['undocumented-field', []],
  ])('%s leaves the other examples valid', async (fault, touched) => {
    await withTarget([fault], async (target) => {
      const tenant = freshTenant();
      for (const example of readSeedExamples()) {
        if (example.method === 'repairer.procurements.invoices.get') {
          continue;
        }
        const response = await call(target, example.method, example.body, {
          tenant,
          credential: example.credential,
        });
        const validation = catalogue.byName.get(example.method)?.validateResponse(response.json);
        const broken = (validation?.failures.length ?? 0) > 0;

        expect(response.status, example.method).toBe(200);
        expect(broken, `${example.method}: ${JSON.stringify(validation?.failures)}`).toBe(
          touched.includes(example.method),
        );
      }
    });
  });
});

describe('fault names', () => {
  it('rejects an unknown fault with one line', () => {
    let caught: unknown;
    try {
      resolveFaults(['offer-currency', 'no-such-fault']);
    } catch (error) {
      caught = error;
    }

    expect(isHarnessError(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toContain('"no-such-fault"');
    expect(message).toContain('offer-currency, offer-currency-nested');
    expect(message).not.toContain('\n');
    expect((caught as { code: string }).code).toBe('HARNESS_CONFIG_INVALID');
  });

  it('refuses to start with an unknown fault', async () => {
    await expect(startReferenceTarget({ faults: ['nope'] })).rejects.toMatchObject({
      code: 'HARNESS_CONFIG_INVALID',
    });
  });

  it('reads faults from the environment', async () => {
    const previous = process.env[FAULTS_ENVIRONMENT_VARIABLE];
    process.env[FAULTS_ENVIRONMENT_VARIABLE] = ' tenant-leak, ,rate-limit ';
    try {
      await withTarget(['offer-currency'], async (target) => {
        expect([...target.faults].sort()).toEqual(['offer-currency', 'rate-limit', 'tenant-leak']);
      });
    } finally {
      if (previous === undefined) {
        delete process.env[FAULTS_ENVIRONMENT_VARIABLE];
      } else {
        process.env[FAULTS_ENVIRONMENT_VARIABLE] = previous;
      }
    }
  });

  it('names each fault once', () => {
    const names = REFERENCE_FAULTS.map((fault) => fault.name);

    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(25);
  });
});
