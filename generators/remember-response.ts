import type { JobReference, KnownIds, KnownOffer } from './known-ids.js';

type Remember = (known: KnownIds, request: unknown, response: unknown) => void;

/** Readers of each method's 200 response, which remember the records the response names. */
const REMEMBERED: Readonly<Record<string, Remember>> = {
  'repairer.jobs.get': rememberJobResponse,
  'repairer.jobs.insert': rememberJobResponse,
  'repairer.jobs.parts.insert': rememberPartsResponse,
  'repairer.jobs.parts.list': rememberPartsResponse,
  'repairer.jobs.baskets.latest.get': rememberBasketResponse,
  'repairer.procurements.insert': (known, _request, response) =>
    rememberIds(known.rememberProcurement.bind(known), [ownOrNestedId(response, 'procurement')]),
  'repairer.procurements.get': (known, _request, response) =>
    rememberIds(known.rememberProcurement.bind(known), [field(response, 'id')]),
  'supplier.procurements.get': (known, _request, response) =>
    rememberIds(known.rememberProcurement.bind(known), [field(response, 'id')]),
  'repairer.procurements.list': (known, _request, response) =>
    rememberIds(known.rememberProcurement.bind(known), itemIds(response)),
  'repairer.procurements.invoices.list': (known, _request, response) =>
    rememberIds(known.rememberInvoice.bind(known), itemIds(response)),
  'repairer.procurements.invoices.get': (known, _request, response) =>
    rememberIds(known.rememberInvoice.bind(known), [ownOrNestedId(response, 'invoice')]),
};

/**
 * Remembers the ids a 200 response of a method returned, with the request that asked for them
 * (parts and offers belong to the job the request named). Fields of unexpected shape are
 * skipped. `integrations.insert` is never read: its response is a secret.
 */
export function rememberResponse(
  known: KnownIds,
  method: string,
  request: unknown,
  response: unknown,
): void {
  REMEMBERED[method]?.(known, request, response);
}

function rememberJobResponse(known: KnownIds, request: unknown, response: unknown): void {
  const requested = jobReference(field(request, 'identity'));
  const id = stringField(response, 'id');
  const external = stringField(response, 'external_id');
  const returned = { ...(id ? { id } : {}), ...(external ? { external } : {}) };
  known.rememberJob({ ...requested, ...returned });
}

function rememberPartsResponse(known: KnownIds, request: unknown, response: unknown): void {
  const job = jobReference(field(request, 'job_identity'));
  known.rememberParts(job, itemIds(response).filter(isString));
}

function rememberBasketResponse(known: KnownIds, request: unknown, response: unknown): void {
  const job = jobReference(field(request, 'job_identity'));
  const offers = field(response, 'offers');
  if (!Array.isArray(offers)) {
    return;
  }
  const offerRecords: KnownOffer[] = [];
  for (const offer of offers) {
    const sellableId = stringField(offer, 'sellable_id');
    const supplierBusinessId = stringField(offer, 'supplier_business_id');
    const partIds = field(offer, 'job_part_ids');
    if (sellableId !== undefined && supplierBusinessId !== undefined) {
      const jobPartIds = Array.isArray(partIds) ? partIds.filter(isString) : [];
      offerRecords.push({ sellableId, supplierBusinessId, jobPartIds });
    }
  }
  known.rememberOffers(job, offerRecords);
}

function jobReference(identity: unknown): JobReference {
  const id = stringField(identity, 'id');
  const external = stringField(identity, 'external');
  return { ...(id ? { id } : {}), ...(external ? { external } : {}) };
}

function ownOrNestedId(response: unknown, nestedKey: string): unknown {
  return field(response, 'id') ?? field(field(response, nestedKey), 'id');
}

function itemIds(response: unknown): unknown[] {
  const items = field(response, 'items');
  return Array.isArray(items) ? items.map((item) => field(item, 'id')) : [];
}

function rememberIds(remember: (id: string) => void, ids: readonly unknown[]): void {
  for (const id of ids) {
    if (isString(id)) {
      remember(id);
    }
  }
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  return (value as Record<string, unknown>)[key];
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return isString(found) ? found : undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
