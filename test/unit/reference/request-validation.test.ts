import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceTarget } from '../../../src/reference/index.js';
import type { Catalogue } from '../../../src/spec/types.js';
import {
  type Body,
  call,
  freshTenant,
  IDS,
  loadSpecCatalogue,
  SEED_JOB,
  selection,
  startTarget,
} from './support.js';

let target: ReferenceTarget;
let catalogue: Catalogue;

beforeAll(async () => {
  target = await startTarget();
  catalogue = await loadSpecCatalogue();
});

afterAll(async () => {
  await target.close();
});

const vins = (count: number) => Array.from({ length: count }, () => ({ vin: 'JTDBR32E730012345' }));

/** Method, body, expected status, expected body (a variant name for errors). */
type Case = [string, unknown, number, string | undefined];

/** Requests that break the request schema, with the status and variant each must get. */
const INVALID_CASES: Case[] = [
  ['repairer.jobs.get', {}, 400, 'bad_request'],
  ['repairer.jobs.get', { identity: { id: 'not-a-uuid' } }, 400, 'bad_request'],
  ['repairer.jobs.get', { identity: { id: randomUUID(), external: 'X' } }, 400, 'bad_request'],
  ['repairer.jobs.get', { identity: 'CCC-2026-04817' }, 400, 'bad_request'],
  ['tier1.prepare', { identifiers: [] }, 400, 'bad_request'],
  ['tier1.prepare', { identifiers: vins(101) }, 400, 'bad_request'],
  ['tier1.prepare', { identifiers: [{ vin: 5 }] }, 400, 'bad_request'],
  ['tier1.prepare', { identifiers: [{ vin: 'A', vrm: { location: 'NZ' } }] }, 400, 'bad_request'],
  ['tier1.prepare', { identifiers: [{ vrm: { vrm: 'ABC123' } }] }, 400, 'bad_request'],
  ['repairer.jobs.parts.insert', { job_identity: SEED_JOB }, 422, 'unprocessable'],
  [
    'repairer.jobs.parts.insert',
    { job_identity: SEED_JOB, parts: [{ description: '', quantity: 1 }] },
    422,
    'unprocessable',
  ],
  [
    'repairer.jobs.parts.insert',
    { job_identity: SEED_JOB, parts: [{ description: 'Hood', quantity: -1 }] },
    422,
    'unprocessable',
  ],
  [
    'repairer.jobs.parts.insert',
    { job_identity: SEED_JOB, parts: [{ description: 'Hood', quantity: '1' }] },
    422,
    'unprocessable',
  ],
  ['repairer.jobs.parts.insert', [], 400, 'bad_request'],
  ['uploads.prepare', { media_type: 'image', type: 'job_media' }, 422, 'unprocessable'],
  ['repairer.jobs.insert', { repairer_site_id: IDS.siteId }, 422, 'unprocessable'],
  [
    'repairer.jobs.insert',
    { identity: SEED_JOB, repairer_site_id: 'site-1' },
    422,
    'unprocessable',
  ],
  [
    'repairer.jobs.insert',
    { identity: SEED_JOB, repairer_site_id: IDS.siteId, vehicle: { year: 2019.5 } },
    422,
    'unprocessable',
  ],
  [
    'repairer.jobs.insert',
    { identity: SEED_JOB, repairer_site_id: IDS.siteId, work_provider_id: 'wp' },
    422,
    'unprocessable',
  ],
  [
    'repairer.procurements.insert',
    { job_identity: SEED_JOB, offer_selections: [] },
    400,
    'bad_request',
  ],
  [
    'repairer.procurements.insert',
    {
      job_identity: SEED_JOB,
      offer_selections: [selection(IDS.bumperPartId, IDS.bumperSellableId, 0)],
    },
    422,
    'unprocessable',
  ],
  [
    'repairer.procurements.insert',
    {
      job_identity: SEED_JOB,
      offer_selections: [
        { ...selection(IDS.bumperPartId, IDS.bumperSellableId), job_part_ids: [] },
      ],
    },
    422,
    'unprocessable',
  ],
  ['repairer.procurements.invoices.list', {}, 400, 'bad_request'],
  ['repairer.procurements.invoices.get', { identity: { id: 5 } }, 400, 'bad_request'],
  ['repairer.procurements.invoices.get', {}, 400, 'bad_request'],
  ['integrations.insert', {}, 400, 'bad_request'],
  ['repairer.procurements.get', { identity: { id: 'nope' } }, 400, 'bad_request'],
  ['supplier.procurements.confirm', { identity: {} }, 400, 'bad_request'],
  ['businesses.list', [], 400, 'bad_request'],
  ['businesses.list', 'text', 400, 'bad_request'],
];

/** Well-formed requests the target must decline for what they name, or accept. */
const SEMANTIC_CASES: Case[] = [
  ['repairer.jobs.get', { identity: { id: randomUUID(), external: 5 } }, 404, 'not_found'],
  ['repairer.jobs.get', { identity: { external: IDS.jobExternal, id: 5 } }, 200, undefined],
  [
    'repairer.jobs.get',
    { identity: { id: `urn:uuid:${IDS.jobId.toUpperCase()}` } },
    200,
    undefined,
  ],
  [
    'repairer.jobs.insert',
    { identity: { id: randomUUID() }, repairer_site_id: IDS.siteId },
    422,
    'unprocessable',
  ],
  ['tier1.prepare', { identifiers: vins(100) }, 200, undefined],
  [
    'uploads.prepare',
    { file_name: 'a.jpg', media_type: 'image', type: 'avatar' },
    422,
    'unprocessable',
  ],
  [
    'repairer.procurements.insert',
    {
      job_identity: SEED_JOB,
      offer_selections: [selection(IDS.headlampPartId, '0f000000-0000-4000-8000-000000000006')],
    },
    422,
    'unprocessable',
  ],
  [
    'repairer.procurements.insert',
    {
      job_identity: SEED_JOB,
      offer_selections: [
        selection(IDS.bumperPartId, IDS.bumperSellableId),
        selection(IDS.bumperPartId, IDS.bumperSellableId),
      ],
    },
    422,
    'unprocessable',
  ],
  [
    'repairer.procurements.insert',
    {
      job_identity: SEED_JOB,
      offer_selections: [
        {
          ...selection(IDS.bumperPartId, IDS.bumperSellableId),
          supplier_business_id: randomUUID(),
        },
      ],
    },
    422,
    'unprocessable',
  ],
  ['repairer.procurements.invoices.list', { job_identity: { external: 'NOPE' } }, 404, 'not_found'],
];

function variantOf(json: unknown): unknown {
  return typeof json === 'string' ? json : (json as Body | undefined)?.type;
}

describe('request validation', () => {
  it.each(INVALID_CASES)('%s rejects %j with %i', async (method, body, status, variant) => {
    const response = await call(target, method, body, {
      tenant: freshTenant(),
      credential: method.startsWith('supplier.') ? 'supplier' : 'repairer',
    });

    expect(response.status, response.text).toBe(status);
    expect(variantOf(response.json)).toBe(variant);
    const validation = catalogue.byName.get(method)?.validateRequest(body);
    const issues = (validation?.failures.length ?? 0) + (validation?.warnings.length ?? 0);
    expect(issues).toBeGreaterThan(0);
  });

  it.each(SEMANTIC_CASES)('%s answers %j with %i', async (method, body, status, variant) => {
    const response = await call(target, method, body, { tenant: freshTenant() });

    expect(response.status, response.text).toBe(status);
    if (variant !== undefined) {
      expect(variantOf(response.json)).toBe(variant);
    }
    const validation = catalogue.byName.get(method)?.validateRequest(body);
    expect(validation?.failures).toEqual([]);
    expect(validation?.warnings).toEqual([]);
  });

  it('reports an unusable identifier without failing', async () => {
    const body = { identifiers: [{ vin: 'SHORT' }, { vrm: { vrm: 'ABC123', location: 'NZ' } }] };

    const response = await call(target, 'tier1.prepare', body);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      invalid_identifiers: [{ identifier: { vin: 'SHORT' }, reason: 'invalid_vin' }],
    });
  });
});
