import { describe, expect, it } from 'vitest';
import { createKnownIds, rememberResponse } from '../../../generators/index.js';

const JOB_ID = '0d000000-0000-4000-8000-000000000001';
const PART_ID = '0e000000-0000-4000-8000-000000000004';
const SELLABLE_ID = '0f000000-0000-4000-8000-000000000007';
const SUPPLIER_ID = '0b000000-0000-4000-8000-000000000010';
const PROCUREMENT_ID = '10000000-0000-4000-8000-000000000001';

describe('KnownIds', () => {
  it('merges references to the same job', () => {
    const known = createKnownIds();
    known.rememberParts({ external: 'CCC-1' }, [PART_ID]);
    known.rememberJob({ id: JOB_ID });
    known.rememberJob({ id: JOB_ID, external: 'CCC-1' });
    expect(known.jobs).toEqual([{ id: JOB_ID, external: 'CCC-1', partIds: [PART_ID], offers: [] }]);
  });

  it('keeps the order ids were first remembered', () => {
    const known = createKnownIds();
    known.add('procurement', ['b', 'a', 'b']);
    known.add('invoice', ['z']);
    known.rememberProcurement('c');
    expect(known.procurementIds).toEqual(['b', 'a', 'c']);
    expect(known.invoiceIds).toEqual(['z']);
  });

  it('adds ids of each kind', () => {
    const known = createKnownIds();
    known.add('job', [JOB_ID]);
    known.add('external', ['CCC-2']);
    known.add('site', ['site']);
    known.add('workProvider', ['provider']);
    known.add('part', [PART_ID]);
    expect(known.jobs.map((job) => job.id ?? job.external)).toEqual([JOB_ID, 'CCC-2']);
    expect(known.siteIds).toEqual(['site']);
    expect(known.workProviderIds).toEqual(['provider']);
    expect(known.looseIds).toEqual([PART_ID]);
  });

  it('keeps one copy of an offer', () => {
    const known = createKnownIds();
    const offer = { sellableId: SELLABLE_ID, supplierBusinessId: SUPPLIER_ID, jobPartIds: [] };
    known.rememberOffers({ external: 'CCC-1' }, [offer, offer]);
    expect(known.jobs[0]?.offers).toEqual([offer]);
  });

  it('returns copies that do not change the registry', () => {
    const known = createKnownIds();
    known.rememberParts({ external: 'CCC-1' }, [PART_ID]);
    const [job] = known.jobs;
    (job?.partIds as string[] | undefined)?.push('other');
    (known.procurementIds as string[]).push('other');
    expect(known.jobs[0]?.partIds).toEqual([PART_ID]);
    expect(known.procurementIds).toEqual([]);
  });

  it('ignores a job reference without id or external', () => {
    const known = createKnownIds();
    known.rememberParts({}, [PART_ID]);
    expect(known.jobs).toEqual([]);
  });
});

describe('rememberResponse', () => {
  it('links a job id to the requested external reference', () => {
    const known = createKnownIds();
    rememberResponse(
      known,
      'repairer.jobs.get',
      { identity: { external: 'CCC-1' } },
      { id: JOB_ID },
    );
    expect(known.jobs).toEqual([{ id: JOB_ID, external: 'CCC-1', partIds: [], offers: [] }]);
  });

  it('remembers parts and offers under the requested job', () => {
    const known = createKnownIds();
    const request = { job_identity: { external: 'CCC-1' } };
    rememberResponse(known, 'repairer.jobs.parts.list', request, { items: [{ id: PART_ID }, {}] });
    rememberResponse(known, 'repairer.jobs.baskets.latest.get', request, {
      offers: [
        { sellable_id: SELLABLE_ID, supplier_business_id: SUPPLIER_ID, job_part_ids: [PART_ID] },
        { sellable_id: SELLABLE_ID },
      ],
      suppliers: [],
    });
    expect(known.jobs).toEqual([
      {
        external: 'CCC-1',
        partIds: [PART_ID],
        offers: [
          { sellableId: SELLABLE_ID, supplierBusinessId: SUPPLIER_ID, jobPartIds: [PART_ID] },
        ],
      },
    ]);
  });

  it('reads flat and nested procurement and invoice ids', () => {
    const known = createKnownIds();
    rememberResponse(known, 'repairer.procurements.insert', {}, { procurement: { id: 'nested' } });
    rememberResponse(known, 'repairer.procurements.insert', {}, { id: PROCUREMENT_ID });
    rememberResponse(known, 'repairer.procurements.list', {}, { items: [{ id: 'listed' }] });
    rememberResponse(
      known,
      'repairer.procurements.invoices.list',
      {},
      { items: [{ id: 'inv-1' }] },
    );
    rememberResponse(known, 'repairer.procurements.invoices.get', {}, { invoice: { id: 'inv-2' } });
    expect(known.procurementIds).toEqual(['nested', PROCUREMENT_ID, 'listed']);
    expect(known.invoiceIds).toEqual(['inv-1', 'inv-2']);
  });

  it('reads nothing from an install response', () => {
    const known = createKnownIds();
    rememberResponse(
      known,
      'integrations.insert',
      {},
      { api_key: 'partly_x', integration_id: JOB_ID },
    );
    expect(known.jobs).toEqual([]);
    expect(known.looseIds).toEqual([]);
  });

  it('skips fields of unexpected shape', () => {
    const known = createKnownIds();
    rememberResponse(known, 'repairer.procurements.list', {}, { items: 'none' });
    rememberResponse(known, 'repairer.jobs.get', null, [1, 2]);
    rememberResponse(known, 'repairer.procurements.get', {}, { id: 7 });
    expect(known.procurementIds).toEqual([]);
    expect(known.jobs).toEqual([]);
  });
});
