import { randomUUID } from 'node:crypto';
import { ApiError, invalidRequest } from '../api-error.js';
import type { MethodDefinition } from '../method-types.js';
import {
  canonicalUuid,
  isUuid,
  readJobIdentity,
  readObject,
  readProcurementIdentity,
  readString,
} from '../request-fields.js';
import { SEED } from '../seed.js';
import { invoiceView } from '../views.js';
import type { Invoice, Procurement, World } from '../world.js';
import { procurementsOfJob, requireJob, requireProcurement } from './lookup.js';

/** Issues the one invoice of a procurement, with a line per source item, unless it exists. */
export function issueInvoice(world: World, procurement: Procurement, issuedAt: string): Invoice {
  const existing =
    procurement.invoiceId === undefined ? undefined : world.invoices.get(procurement.invoiceId);
  if (existing !== undefined) {
    return existing;
  }
  const invoice: Invoice = {
    id: randomUUID(),
    number: `INV-${String(world.invoices.size + 1).padStart(6, '0')}`,
    procurementId: procurement.id,
    jobId: procurement.jobId,
    issuedAt,
    lines: procurement.sourceItems.map((item) => ({
      description: item.description,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      sellableId: item.sellableId,
      jobPartId: item.jobPartIds[0],
      sourceItemId: item.id,
    })),
  };
  world.invoices.set(invoice.id, invoice);
  procurement.invoiceId = invoice.id;
  return invoice;
}

function invoicesOf(world: World, procurements: Procurement[]): Record<string, unknown>[] {
  const documents: Record<string, unknown>[] = [];
  for (const procurement of procurements) {
    const invoice =
      procurement.invoiceId === undefined ? undefined : world.invoices.get(procurement.invoiceId);
    if (invoice !== undefined) {
      documents.push(invoiceView(invoice));
    }
  }
  return documents;
}

/**
 * Lists invoices by exactly one selector. Both or neither is `bad_request`, as the request
 * schema's `oneOf` requires.
 * A procurement without an invoice yet (not confirmed) lists `items: []` rather than not_found.
 */
export const invoicesList: MethodDefinition = {
  name: 'repairer.procurements.invoices.list',
  role: 'repairer',
  extension: true,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: { procurement_identity: { id: SEED.procurement.id } },
  handle(context) {
    const { procurement_identity: procurementIdentity, job_identity: jobIdentity } = context.body;
    const hasProcurement = procurementIdentity !== undefined;
    if (hasProcurement === (jobIdentity !== undefined)) {
      invalidRequest('bad_request', 'needs exactly one of procurement_identity or job_identity');
    }
    if (hasProcurement) {
      const id = readProcurementIdentity(
        procurementIdentity,
        'bad_request',
        'procurement_identity',
      );
      const procurement = requireProcurement(context.world, id);
      return { items: invoicesOf(context.world, [procurement]) };
    }
    const identity = readJobIdentity(jobIdentity, 'bad_request', 'job_identity');
    const job = requireJob(context.world, identity);
    return { items: invoicesOf(context.world, procurementsOfJob(context.world, job.id)) };
  },
};

/** Returns the invoice flat: its fields at the top level next to `x_extension`. */
export const invoicesGet: MethodDefinition = {
  name: 'repairer.procurements.invoices.get',
  role: 'repairer',
  extension: true,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  // The API reference shows a placeholder id here; no invoice exists in a fresh world, so this
  // example answers not_found there.
  example: { identity: { id: '<invoice_id from invoices.list>' } },
  handle(context) {
    const identity = readObject(context.body.identity, 'bad_request', 'identity');
    const id = readString(identity, 'id', 'bad_request');
    const invoice = context.world.invoices.get(isUuid(id) ? canonicalUuid(id) : id);
    if (invoice === undefined) {
      throw new ApiError('not_found', `no invoice ${id}`);
    }
    return invoiceView(invoice);
  },
};
