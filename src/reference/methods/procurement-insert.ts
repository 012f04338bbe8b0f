import { randomUUID } from 'node:crypto';
import { ApiError, invalidRequest } from '../api-error.js';
import type { MethodContext, MethodDefinition } from '../method-types.js';
import {
  canonicalUuid,
  isUuid,
  readArray,
  readJobIdentity,
  readObject,
  readUuid,
} from '../request-fields.js';
import { SEED } from '../seed.js';
import { buyerProcurementView } from '../views.js';
import { findPart, type Job, type Part, type Procurement, type SourceItem } from '../world.js';
import { issueInvoice } from './invoices.js';
import { requireJob } from './lookup.js';

/** One `OfferSelectionV1` of the request. */
interface OfferSelection {
  sellableId: string;
  supplierBusinessId: string;
  jobPartIds: string[];
  quantity: number;
}

/**
 * Places a procurement from basket offers. A missing or ambiguous `job_identity` or an empty
 * `offer_selections` is `bad_request`, and an unknown job is `not_found`. A selection that breaks
 * its schema, or names a part or offer missing from the job's basket, is `unprocessable`.
 */
export const procurementsInsert: MethodDefinition = {
  name: 'repairer.procurements.insert',
  role: 'repairer',
  extension: true,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: {
    job_identity: { external: SEED.job.external },
    offer_selections: [
      {
        sellable_id: '0f000000-0000-4000-8000-000000000007',
        supplier_business_id: SEED.supplierBusiness.id,
        job_part_ids: ['0e000000-0000-4000-8000-000000000004'],
        quantity: 1,
      },
    ],
  },
  handle(context) {
    const identity = readJobIdentity(context.body.job_identity, 'bad_request', 'job_identity');
    const selections = readArray(context.body, 'offer_selections', 'bad_request');
    if (selections.length === 0) {
      invalidRequest('bad_request', 'offer_selections is empty');
    }
    const offerSelections = selections.map(readOfferSelection);
    const job = requireJob(context.world, identity);
    const sourceItems = offerSelections.map((selection) => toSourceItem(job, selection));
    checkPartsSelectedOnce(offerSelections);

    const procurement = placeProcurement(context, job, sourceItems);
    // The flat form: the buyer view's fields at the top level, plus the procurement's status.
    return {
      ...buyerProcurementView(procurement, context.world, context.faults),
      status: procurement.status,
    };
  },
};

function readOfferSelection(value: unknown, index: number): OfferSelection {
  const field = `offer_selections[${index}]`;
  const fields = readObject(value, 'unprocessable', field);
  const partIds = readArray(fields, 'job_part_ids', 'unprocessable');
  if (partIds.length === 0 || !partIds.every(isUuid)) {
    invalidRequest('unprocessable', `${field}.job_part_ids is empty or holds a non-uuid`);
  }
  const quantity = fields.quantity;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
    invalidRequest('unprocessable', `${field}.quantity is not an integer of at least 1`);
  }
  return {
    sellableId: readUuid(fields, 'sellable_id', 'unprocessable'),
    supplierBusinessId: readUuid(fields, 'supplier_business_id', 'unprocessable'),
    jobPartIds: (partIds as string[]).map(canonicalUuid),
    quantity,
  };
}

/** Matches a selection against the job's basket: one offer per estimated part. */
function toSourceItem(job: Job, selection: OfferSelection): SourceItem {
  const parts = selection.jobPartIds.map((partId) => requireEstimatedPart(job, partId));
  for (const part of parts) {
    const offered =
      part.sellableId === selection.sellableId &&
      selection.supplierBusinessId === SEED.supplierBusiness.id;
    if (!offered) {
      throw new ApiError('unprocessable', `the basket has no such offer for part ${part.id}`);
    }
  }
  const first = parts[0] as Part;
  return {
    id: randomUUID(),
    sellableId: selection.sellableId,
    supplierBusinessId: selection.supplierBusinessId,
    jobPartIds: parts.map((part) => part.id),
    quantity: selection.quantity,
    unitPriceCents: first.unitPriceCents,
    description: first.description,
  };
}

function requireEstimatedPart(job: Job, partId: string): Part {
  const part = findPart(job, partId);
  if (part === undefined) {
    throw new ApiError('unprocessable', `part ${partId} is not a part of the job`);
  }
  if (part.status !== 'estimated') {
    throw new ApiError('unprocessable', `part ${partId} is already ${part.status}`);
  }
  return part;
}

function checkPartsSelectedOnce(selections: OfferSelection[]): void {
  const seen = new Set<string>();
  for (const partId of selections.flatMap((selection) => selection.jobPartIds)) {
    if (seen.has(partId)) {
      throw new ApiError('unprocessable', `part ${partId} is selected more than once`);
    }
    seen.add(partId);
  }
}

function placeProcurement(
  context: MethodContext,
  job: Job,
  sourceItems: SourceItem[],
): Procurement {
  const now = context.now();
  const procurement: Procurement = {
    id: randomUUID(),
    jobId: job.id,
    status: 'order_requested',
    reference: null,
    createdAt: now,
    updatedAt: now,
    supplierBusinessId: SEED.supplierBusiness.id,
    sourceItems,
    invoiceId: undefined,
  };
  context.world.procurements.set(procurement.id, procurement);

  if (!context.faults.has('parts-never-ordered')) {
    for (const partId of sourceItems.flatMap((item) => item.jobPartIds)) {
      const part = findPart(job, partId);
      if (part !== undefined) {
        part.status = 'ordered';
      }
    }
  }
  if (context.faults.has('invoice-before-confirmation')) {
    issueInvoice(context.world, procurement, now);
  }
  return procurement;
}
