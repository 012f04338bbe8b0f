import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceTarget } from '../../../src/reference/index.js';
import type { Catalogue } from '../../../src/spec/types.js';
import {
  type Body,
  type CallResult,
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

interface Invoice {
  id: string;
  currency_code: string;
  kind: string;
  procurement_id: string;
  job_id: string;
  lines: { job_part_id: string; total: string }[];
  subtotal: string;
  tax: string;
  total: string;
}

/** Asserts a 200 whose body is valid against the pinned spec, and returns the body. */
function expectValid(method: string, response: CallResult): Body {
  expect(response.status, `${method}: ${response.text}`).toBe(200);
  const validation = catalogue.byName.get(method)?.validateResponse(response.json);
  expect(validation?.failures, method).toEqual([]);
  expect(validation?.warnings, method).toEqual([]);
  return response.json as Body;
}

function statusesOf(parts: Body): Record<string, string> {
  const items = parts.items as { id: string; status: string }[];
  return Object.fromEntries(items.map((part) => [part.id, part.status]));
}

function lineStatuses(procurement: Body): string[] {
  return (procurement.source_items as { status: string }[]).map((item) => item.status);
}

describe('buyer loop', () => {
  it('runs from a new job to its invoice', async () => {
    const tenant = freshTenant();
    const external = 'LOOP-0001';
    const job = expectValid(
      'repairer.jobs.insert',
      await call(
        target,
        'repairer.jobs.insert',
        {
          identity: { external },
          repairer_site_id: IDS.siteId,
          work_provider_id: IDS.workProviderId,
          vehicle: { make: 'Toyota', model: 'Corolla', year: '2019' },
        },
        { tenant },
      ),
    );
    expect(job.external_id).toBe(external);
    expect(job.id).not.toBe(IDS.jobId);
    const jobIdentity = { id: job.id };

    const inserted = expectValid(
      'repairer.jobs.parts.insert',
      await call(
        target,
        'repairer.jobs.parts.insert',
        {
          job_identity: jobIdentity,
          parts: [
            { description: 'Bonnet', quantity: 1 },
            { description: 'Bonnet hinge', quantity: 2 },
          ],
        },
        { tenant },
      ),
    );
    const parts = inserted.items as { id: string; status: string; description: string }[];
    expect(parts.map((part) => part.status)).toEqual(['estimated', 'estimated']);

    const basket = expectValid(
      'repairer.jobs.baskets.latest.get',
      await call(
        target,
        'repairer.jobs.baskets.latest.get',
        { job_identity: jobIdentity },
        { tenant },
      ),
    );
    const offers = basket.offers as { sellable_id: string; job_part_ids: string[] }[];
    expect(offers).toHaveLength(2);
    expect(offers.map((offer) => offer.job_part_ids[0])).toEqual(parts.map((part) => part.id));
    expect(basket.suppliers).toEqual([{ id: IDS.supplierBusinessId, name: 'Christchurch Toyota' }]);

    const bonnet = offers[0] as { sellable_id: string; job_part_ids: string[] };
    const placed = expectValid(
      'repairer.procurements.insert',
      await call(
        target,
        'repairer.procurements.insert',
        {
          job_identity: { external },
          offer_selections: [selection(bonnet.job_part_ids[0] ?? '', bonnet.sellable_id)],
        },
        { tenant },
      ),
    );
    expect(placed.x_extension).toBe(true);
    expect(placed.status).toBe('order_requested');
    expect(placed.job_id).toBe(job.id);
    expect(placed.currency_code).toBe('NZD');
    expect(placed.reference).toBeNull();
    const procurementId = placed.id as string;

    const afterOrder = statusesOf(
      expectValid(
        'repairer.jobs.parts.list',
        await call(target, 'repairer.jobs.parts.list', { job_identity: jobIdentity }, { tenant }),
      ),
    );
    expect(afterOrder[parts[0]?.id ?? '']).toBe('ordered');
    expect(afterOrder[parts[1]?.id ?? '']).toBe('estimated');

    const basketAfter = await call(
      target,
      'repairer.jobs.baskets.latest.get',
      { job_identity: jobIdentity },
      { tenant },
    );
    expect((basketAfter.json as { offers: unknown[] }).offers).toHaveLength(1);

    const invoicesBefore = expectValid(
      'repairer.procurements.invoices.list',
      await call(
        target,
        'repairer.procurements.invoices.list',
        {
          procurement_identity: { id: procurementId },
        },
        { tenant },
      ),
    );
    expect(invoicesBefore.items).toEqual([]);

    const listed = expectValid(
      'repairer.procurements.list',
      await call(target, 'repairer.procurements.list', { job_identity: jobIdentity }, { tenant }),
    );
    expect((listed.items as { id: string }[]).map((item) => item.id)).toEqual([procurementId]);

    const confirmed = expectValid(
      'supplier.procurements.confirm',
      await call(
        target,
        'supplier.procurements.confirm',
        { identity: { id: procurementId } },
        {
          tenant,
          credential: 'supplier',
        },
      ),
    );
    expect(lineStatuses(confirmed)).toEqual(['order_confirmed']);
    expect(confirmed.buyer_business).toEqual({
      id: IDS.siteId,
      name: 'Riccarton Collision Repairs',
    });

    const buyerView = expectValid(
      'repairer.procurements.get',
      await call(
        target,
        'repairer.procurements.get',
        { identity: { id: procurementId } },
        { tenant },
      ),
    );
    expect(lineStatuses(buyerView)).toEqual(['order_confirmed']);
    for (const field of ['id', 'job_id', 'currency_code', 'created_at']) {
      expect(buyerView[field], field).toEqual(confirmed[field]);
    }
    expect((buyerView.supplier_business as Body).id).toBe(IDS.supplierBusinessId);

    const invoices = expectValid(
      'repairer.procurements.invoices.list',
      await call(
        target,
        'repairer.procurements.invoices.list',
        { job_identity: jobIdentity },
        { tenant },
      ),
    );
    const documents = invoices.items as Invoice[];
    expect(documents).toHaveLength(1);
    const invoice = documents[0] as Invoice;
    expect(invoice.currency_code).toBe('NZD');
    expect(invoice.kind).toBe('invoice');
    expect(invoice.procurement_id).toBe(procurementId);
    expect(invoice.job_id).toBe(job.id);
    expect(invoice.lines.map((line) => line.job_part_id)).toEqual([parts[0]?.id]);
    expect(invoice.subtotal).toBe('120.00');
    expect(invoice.tax).toBe('18.00');
    expect(invoice.total).toBe('138.00');

    const fetched = expectValid(
      'repairer.procurements.invoices.get',
      await call(
        target,
        'repairer.procurements.invoices.get',
        { identity: { id: invoice.id } },
        { tenant },
      ),
    );
    expect(fetched).toEqual({ x_extension: true, ...invoice });
  });

  it('invoices the two seeded parts at NZD 1099.00', async () => {
    const tenant = freshTenant();
    const placed = await call(
      target,
      'repairer.procurements.insert',
      {
        job_identity: SEED_JOB,
        offer_selections: [
          selection(IDS.bumperPartId, IDS.bumperSellableId),
          selection(IDS.grillePartId, IDS.grilleSellableId),
        ],
      },
      { tenant },
    );
    const id = (placed.json as { id: string }).id;
    await call(
      target,
      'supplier.procurements.confirm',
      { identity: { id } },
      {
        tenant,
        credential: 'supplier',
      },
    );

    const listed = await call(
      target,
      'repairer.procurements.invoices.list',
      {
        procurement_identity: { id },
      },
      { tenant },
    );

    const invoice = (listed.json as { items: Invoice[] }).items[0];
    expect(invoice?.currency_code).toBe('NZD');
    expect(invoice?.subtotal).toBe('955.65');
    expect(invoice?.tax).toBe('143.35');
    expect(invoice?.total).toBe('1099.00');
  });

  it('confirms twice with the same result', async () => {
    const tenant = freshTenant();
    const body = { identity: { id: IDS.procurementId } };
    const options = { tenant, credential: 'supplier' as const };

    const first = await call(target, 'supplier.procurements.confirm', body, options);
    const second = await call(target, 'supplier.procurements.confirm', body, options);

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    const invoices = await call(
      target,
      'repairer.procurements.invoices.list',
      {
        job_identity: SEED_JOB,
      },
      { tenant },
    );
    expect((invoices.json as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses to order a part twice', async () => {
    const tenant = freshTenant();
    const body = {
      job_identity: SEED_JOB,
      offer_selections: [selection(IDS.bumperPartId, IDS.bumperSellableId)],
    };

    const first = await call(target, 'repairer.procurements.insert', body, { tenant });
    const second = await call(target, 'repairer.procurements.insert', body, { tenant });

    expect(first.status).toBe(200);
    expect(second.status).toBe(422);
    expect(second.json).toEqual({ type: 'unprocessable', x_extension: true });
  });
});

describe('job upsert', () => {
  it('keeps the id of an existing job and updates it', async () => {
    const tenant = freshTenant();

    const response = await call(
      target,
      'repairer.jobs.insert',
      {
        identity: SEED_JOB,
        repairer_site_id: '0b000000-0000-4000-8000-000000000002',
        claim_number: null,
      },
      { tenant },
    );

    const job = response.json as Body;
    expect(response.status).toBe(200);
    expect(job.id).toBe(IDS.jobId);
    expect(job.repairer_site_id).toBe('0b000000-0000-4000-8000-000000000002');
    expect(job.claim_number).toBeNull();
    expect(job.work_provider_id).toBe(IDS.workProviderId);
  });

  it('updates a job named by id', async () => {
    const tenant = freshTenant();

    const response = await call(
      target,
      'repairer.jobs.insert',
      {
        identity: { id: IDS.jobId },
        repairer_site_id: IDS.siteId,
        job_number: 'J-9',
      },
      { tenant },
    );

    expect((response.json as Body).id).toBe(IDS.jobId);
    expect((response.json as Body).job_number).toBe('J-9');
  });

  it('reads back a new job by external reference', async () => {
    const tenant = freshTenant();
    const inserted = await call(
      target,
      'repairer.jobs.insert',
      {
        identity: { external: 'NEW-1' },
        repairer_site_id: IDS.siteId,
      },
      { tenant },
    );

    const read = await call(
      target,
      'repairer.jobs.get',
      { identity: { external: 'NEW-1' } },
      { tenant },
    );

    expect(read.status).toBe(200);
    expect(read.json).toEqual(inserted.json);
    expect((read.json as Body).images).toEqual([]);
  });

  it('mints a working repairer credential once', async () => {
    const tenant = freshTenant();
    const grant = {
      access_code: 'ac_demo_valid_15m',
      client_id: 'partly_client_demo',
      client_secret: 'secret_demo_8f3a',
    };

    const first = await call(target, 'integrations.insert', grant, { tenant, credential: 'none' });
    const second = await call(target, 'integrations.insert', grant, { tenant, credential: 'none' });

    const minted = first.json as { api_key: string; integration_id: string };
    expect(minted.api_key).toMatch(/^partly_[0-9a-f]{32}$/);
    expect(second.json).toEqual({ type: 'invalid_access_code' });
    const auth = { apiKey: minted.api_key, integrationId: minted.integration_id };
    const providers = await call(target, 'repairer.work-providers.list', {}, { tenant, auth });
    expect(providers.status).toBe(200);
    const supplierOnly = await call(
      target,
      'supplier.procurements.get',
      {
        identity: { id: IDS.procurementId },
      },
      { tenant, auth },
    );
    expect(supplierOnly.status).toBe(403);
  });
});
