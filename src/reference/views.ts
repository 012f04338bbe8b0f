import type { FaultSet } from './faults.js';
import { SEED } from './seed.js';
import type { Invoice, Job, Part, Procurement, SourceItem, World } from './world.js';

/** Renders an amount in cents as a decimal string with two places, such as `955.65`. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const fraction = String(absolute % 100).padStart(2, '0');
  return `${sign}${Math.floor(absolute / 100)}.${fraction}`;
}

/** Tax on `cents` at the seeded rate, rounded half up to a whole cent. */
export function taxCents(cents: number): number {
  return Math.round((cents * SEED.taxPercent) / 100);
}

/** `JobV1`. */
export function jobView(job: Job, faults: FaultSet): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: faults.has('schema-break-job-id') ? numericId(job.id) : job.id,
    external_id: job.externalId,
    claim_number: job.claimNumber,
    job_number: job.jobNumber,
    repairer_site_id: job.repairerSiteId,
    work_provider_id: job.workProviderId,
    vehicle: job.vehicle === null ? null : { ...job.vehicle },
    images: job.images.map((image) => ({ id: image.id, url: image.url })),
  };
  if (faults.has('undocumented-field')) {
    view.x_debug_trace = `trace-${job.id.slice(0, 8)}`;
  }
  return view;
}

/** Returns the last 12 hex digits of a uuid as a number, for `schema-break-job-id`. */
function numericId(id: string): number {
  return Number.parseInt(id.slice(-12), 16);
}

/** `PartV1`. */
export function partView(part: Part): Record<string, unknown> {
  return {
    id: part.id,
    status: part.status,
    description: part.description,
    quantity: part.quantity,
  };
}

/**
 * `BasketsLatestGetResponseV1`: one offer per estimated part, all from the seeded supplier.
 * Offers carry a bare `price` and no currency at any depth, unless a currency fault is on.
 */
export function basketView(job: Job, faults: FaultSet): Record<string, unknown> {
  const offers = job.parts
    .filter((part) => part.status === 'estimated')
    .map((part) => offerView(part, faults));
  // The suppliers are those with an offer in this basket, so an empty basket lists none.
  const suppliers = offers.length === 0 ? [] : [{ ...SEED.supplierBusiness }];
  return { offers, suppliers };
}

function offerView(part: Part, faults: FaultSet): Record<string, unknown> {
  const price = formatCents(part.unitPriceCents);
  const offer: Record<string, unknown> = {
    sellable_id: part.sellableId,
    supplier_business_id: SEED.supplierBusiness.id,
    job_part_ids: [part.id],
    quantity: part.quantity,
    price,
    description: part.description,
  };
  if (faults.has('offer-currency')) {
    offer.currency = SEED.currencyCode;
  }
  if (faults.has('offer-currency-nested')) {
    offer.price = { amount: price, currency_code: SEED.currencyCode };
  }
  return offer;
}

function sourceItemView(item: SourceItem, procurement: Procurement): Record<string, unknown> {
  return {
    id: item.id,
    status: procurement.status,
    sellable_id: item.sellableId,
    supplier_business_id: item.supplierBusinessId,
    job_part_ids: [...item.jobPartIds],
    quantity: item.quantity,
    unit_price: formatCents(item.unitPriceCents),
    description: item.description,
  };
}

/** Builds the fields that both views of a procurement share. */
function procurementCommonView(
  procurement: Procurement,
  world: World,
  faults: FaultSet,
): Record<string, unknown> {
  const job = world.jobs.get(procurement.jobId);
  const view: Record<string, unknown> = {
    id: procurement.id,
    job_id: procurement.jobId,
    created_at: procurement.createdAt,
    updated_at: procurement.updatedAt,
    currency_code: SEED.currencyCode,
    reference: procurement.reference,
    // No shipping is charged in the seeded world; null is allowed for this required field.
    total_shipping_price: null,
    vehicle: { ...(job?.vehicle ?? {}) },
    source_items: procurement.sourceItems.map((item) => sourceItemView(item, procurement)),
  };
  if (faults.has('missing-required-reference')) {
    delete view.reference;
  }
  return view;
}

/** `procurements.v1.buyer.Procurement`: the repairer's view. */
export function buyerProcurementView(
  procurement: Procurement,
  world: World,
  faults: FaultSet,
): Record<string, unknown> {
  return {
    ...procurementCommonView(procurement, world, faults),
    supplier_business: { ...SEED.supplierBusiness },
    supplier_organization: { ...SEED.supplierOrganization },
  };
}

/** `procurements.v1.supplier.Procurement`: the supplier's view. */
export function supplierProcurementView(
  procurement: Procurement,
  world: World,
  faults: FaultSet,
): Record<string, unknown> {
  // The buyer business is the repair site of the procurement's job.
  const siteId = world.jobs.get(procurement.jobId)?.repairerSiteId;
  const site = SEED.repairerSites.find((candidate) => candidate.id === siteId);
  return {
    ...procurementCommonView(procurement, world, faults),
    buyer_business: site === undefined ? {} : { ...site },
    buyer_organization: { ...SEED.repairerOrganization },
    buyer_shipping_address: { ...SEED.shippingAddress },
  };
}

/** `InvoiceDocumentV1`, with totals computed from its lines. */
export function invoiceView(invoice: Invoice): Record<string, unknown> {
  const lines = invoice.lines.map((line) => ({
    description: line.description,
    quantity: line.quantity,
    unit_price: formatCents(line.unitPriceCents),
    total: formatCents(line.unitPriceCents * line.quantity),
    sellable_id: line.sellableId,
    ...(line.jobPartId === undefined ? {} : { job_part_id: line.jobPartId }),
    source_item_id: line.sourceItemId,
  }));
  const subtotal = invoice.lines.reduce(
    (sum, line) => sum + line.unitPriceCents * line.quantity,
    0,
  );
  const tax = taxCents(subtotal);
  return {
    id: invoice.id,
    kind: 'invoice',
    number: invoice.number,
    procurement_id: invoice.procurementId,
    job_id: invoice.jobId,
    issued_at: invoice.issuedAt,
    currency_code: SEED.currencyCode,
    lines,
    subtotal: formatCents(subtotal),
    tax: formatCents(tax),
    total: formatCents(subtotal + tax),
  };
}
