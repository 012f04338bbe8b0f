import { describe, expect, it } from 'vitest';
import type { SchemaValidation } from '../../../src/spec/types.js';
import { loadPinnedCatalogue, methodOf } from './pinned-spec.js';

const SITE_ID = '0b000000-0000-4000-8000-000000000001';
const JOB_ID = '0d000000-0000-4000-8000-000000000001';
const CLEAN: SchemaValidation = { failures: [], warnings: [] };

async function validate(method: string, body: unknown): Promise<SchemaValidation> {
  return methodOf(await loadPinnedCatalogue(), method).validateResponse(body);
}

function keywords(issues: SchemaValidation['failures']): string[] {
  return issues.map((issue) => issue.keyword);
}

const job = { id: JOB_ID, images: [], repairer_site_id: SITE_ID };

const buyerProcurement = {
  created_at: '2026-01-15T10:00:00Z',
  currency_code: 'NZD',
  id: '10000000-0000-4000-8000-000000000001',
  job_id: JOB_ID,
  reference: null,
  source_items: [{ id: '11000000-0000-4000-8000-000000000001', status: 'order_requested' }],
  supplier_business: { id: '0b000000-0000-4000-8000-000000000010', name: 'Toyota' },
  supplier_organization: { id: '0c000000-0000-4000-8000-000000000010' },
  total_shipping_price: '12.50',
  updated_at: '2026-01-15T10:00:00Z',
  vehicle: { vin: 'JTDBR32E730012345', year: 2019 },
};

describe('JobV1', () => {
  it('accepts the required fields alone', async () => {
    expect(await validate('repairer.jobs.get', job)).toEqual(CLEAN);
  });

  it('accepts null optional fields', async () => {
    const nulls = {
      ...job,
      claim_number: null,
      external_id: null,
      job_number: null,
      vehicle: null,
      work_provider_id: null,
    };

    expect(await validate('repairer.jobs.get', nulls)).toEqual(CLEAN);
  });

  it('accepts unknown fields such as status', async () => {
    expect(
      await validate('repairer.jobs.get', { ...job, status: 'open', site_id: SITE_ID }),
    ).toEqual(CLEAN);
  });

  it('fails without id', async () => {
    const { id: _id, ...withoutId } = job;
    const result = await validate('repairer.jobs.get', withoutId);

    expect(keywords(result.failures)).toEqual(['required']);
    expect(result.failures[0]?.params).toEqual({ missingProperty: 'id' });
  });

  it('fails on a non-uuid repairer_site_id', async () => {
    const result = await validate('repairer.jobs.insert', { ...job, repairer_site_id: 'site-1' });

    expect(keywords(result.failures)).toEqual(['format']);
  });

  it('warns on a non-string claim_number', async () => {
    const result = await validate('repairer.jobs.get', { ...job, claim_number: 42 });

    expect(result.failures).toEqual([]);
    expect(result.warnings.map((issue) => issue.instancePath)).toContain('/claim_number');
  });

  it('fails on a null images list', async () => {
    const result = await validate('repairer.jobs.get', { ...job, images: null });

    expect(keywords(result.failures)).toEqual(['type']);
  });

  it('warns when an image is not an object', async () => {
    const result = await validate('repairer.jobs.get', { ...job, images: ['a.jpg'] });

    expect(result.failures).toEqual([]);
    expect(result.warnings).not.toEqual([]);
  });
});

describe('PartV1', () => {
  const part = { id: '0e000000-0000-4000-8000-000000000004', status: 'estimated' };

  it('accepts a known status', async () => {
    expect(await validate('repairer.jobs.parts.list', { items: [part] })).toEqual(CLEAN);
  });

  it('warns on an unknown status', async () => {
    const result = await validate('repairer.jobs.parts.list', {
      items: [{ ...part, status: 'shipped' }],
    });

    expect(result.failures).toEqual([]);
    expect(keywords(result.warnings)).toEqual(['enum']);
    expect(result.warnings[0]?.instancePath).toBe('/items/0/status');
  });

  it('warns on a part without id', async () => {
    const result = await validate('repairer.jobs.parts.list', { items: [{ status: 'ordered' }] });

    expect(result.failures).toEqual([]);
    expect(keywords(result.warnings)).toEqual(['required']);
  });

  it('fails without items', async () => {
    const result = await validate('repairer.jobs.parts.insert', {});

    expect(keywords(result.failures)).toEqual(['required']);
  });
});

describe('basket offers', () => {
  it('accepts an offer without currency', async () => {
    const offer = { sellable_id: '0f000000-0000-4000-8000-000000000007', price: 510.5 };

    expect(
      await validate('repairer.jobs.baskets.latest.get', { offers: [offer], suppliers: [] }),
    ).toEqual(CLEAN);
  });

  it.each(['currency', 'currency_code'])('fails on an offer with %s', async (key) => {
    const result = await validate('repairer.jobs.baskets.latest.get', {
      offers: [{ price: 510.5, [key]: 'NZD' }],
      suppliers: [],
    });

    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.instancePath).toBe(`/offers/0/${key}`);
    expect(result.failures[0]?.keyword).toBe('false schema');
  });
});

describe('procurements', () => {
  it('accepts a full buyer procurement', async () => {
    expect(await validate('repairer.procurements.get', buyerProcurement)).toEqual(CLEAN);
  });

  it('fails when the nullable reference is missing', async () => {
    const { reference: _reference, ...withoutReference } = buyerProcurement;
    const result = await validate('repairer.procurements.get', withoutReference);

    expect(keywords(result.failures)).toEqual(['required']);
    expect(result.failures[0]?.params).toEqual({ missingProperty: 'reference' });
  });

  it('accepts a null currency_code', async () => {
    const result = await validate('repairer.procurements.get', {
      ...buyerProcurement,
      currency_code: null,
    });

    expect(result).toEqual(CLEAN);
  });

  it('warns on a lowercase currency_code', async () => {
    const result = await validate('repairer.procurements.get', {
      ...buyerProcurement,
      currency_code: 'nzd',
    });

    expect(result.failures).toEqual([]);
    expect(keywords(result.warnings)).toContain('pattern');
  });

  it('warns on a timestamp that is not RFC 3339', async () => {
    const result = await validate('repairer.procurements.get', {
      ...buyerProcurement,
      created_at: 'yesterday',
    });

    expect(result.failures).toEqual([]);
    expect(keywords(result.warnings)).toEqual(['format']);
  });

  it('fails on a timestamp that is not a string', async () => {
    const result = await validate('repairer.procurements.get', {
      ...buyerProcurement,
      created_at: 1768471200,
    });

    expect(keywords(result.failures)).toContain('type');
  });

  it('warns on an unknown source item status', async () => {
    const result = await validate('repairer.procurements.list', {
      items: [{ ...buyerProcurement, source_items: [{ status: 'shipped' }] }],
    });

    expect(result.failures).toEqual([]);
    expect(keywords(result.warnings)).toEqual(['enum']);
  });

  it('fails a supplier view without its buyer fields', async () => {
    const result = await validate('supplier.procurements.get', buyerProcurement);
    const missing = result.failures.map((issue) => issue.params.missingProperty).sort();

    expect(missing).toEqual(['buyer_business', 'buyer_organization', 'buyer_shipping_address']);
  });
});

describe('other wire responses', () => {
  it('fails an upload response without public_url', async () => {
    const result = await validate('uploads.prepare', { upload_url: 'https://uploads.invalid/x' });

    expect(result.failures[0]?.params).toEqual({ missingProperty: 'public_url' });
  });

  it('accepts a null public_url', async () => {
    const result = await validate('uploads.prepare', {
      public_url: null,
      upload_url: 'https://uploads.invalid/x',
    });

    expect(result).toEqual(CLEAN);
  });

  it('fails an install response with a non-uuid integration_id', async () => {
    const result = await validate('integrations.insert', {
      api_key: 'partly_0123456789abcdef0123456789abcdef',
      integration_id: 'not-a-uuid',
    });

    expect(keywords(result.failures)).toEqual(['format']);
  });
});

describe('extension responses', () => {
  it('accepts a flat or a nested inserted procurement', async () => {
    const flat = { x_extension: true, id: buyerProcurement.id, status: 'order_requested' };
    const nested = { x_extension: true, procurement: buyerProcurement };

    expect(await validate('repairer.procurements.insert', flat)).toEqual(CLEAN);
    expect(await validate('repairer.procurements.insert', nested)).toEqual(CLEAN);
  });

  it('warns when the inserted procurement has no id anywhere', async () => {
    const result = await validate('repairer.procurements.insert', { x_extension: true });

    expect(result.failures).toEqual([]);
    expect(keywords(result.warnings)).toContain('anyOf');
  });

  it('fails without x_extension true', async () => {
    const missing = await validate('repairer.procurements.insert', { id: buyerProcurement.id });
    const wrong = await validate('repairer.procurements.insert', {
      x_extension: 'true',
      id: buyerProcurement.id,
    });

    expect(missing.failures[0]?.params).toEqual({ missingProperty: 'x_extension' });
    expect(keywords(wrong.failures)).toEqual(['const']);
  });

  it('fails an invoice without currency_code', async () => {
    const result = await validate('repairer.procurements.invoices.list', {
      x_extension: true,
      items: [{ id: 'inv-1' }],
    });

    expect(result.failures[0]?.params).toEqual({ missingProperty: 'currency_code' });
  });

  it('warns on an invoice list without items', async () => {
    const result = await validate('repairer.procurements.invoices.list', { x_extension: true });

    expect(result.failures).toEqual([]);
    expect(keywords(result.warnings)).toEqual(['required']);
  });

  it('accepts a flat or a nested invoice', async () => {
    const invoice = { id: 'inv-1', currency_code: 'NZD', kind: 'invoice', total: '1099.00' };

    expect(
      await validate('repairer.procurements.invoices.get', { x_extension: true, ...invoice }),
    ).toEqual(CLEAN);
    expect(
      await validate('repairer.procurements.invoices.get', { x_extension: true, invoice }),
    ).toEqual(CLEAN);
  });
});
