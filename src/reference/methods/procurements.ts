import type { MethodDefinition } from '../method-types.js';
import { readJobIdentity, readProcurementIdentity } from '../request-fields.js';
import { SEED } from '../seed.js';
import { buyerProcurementView, supplierProcurementView } from '../views.js';
import { issueInvoice } from './invoices.js';
import { procurementsOfJob, requireJob, requireProcurement } from './lookup.js';

const EXAMPLE_PROCUREMENT_IDENTITY = { identity: { id: SEED.procurement.id } };

export const procurementsGet: MethodDefinition = {
  name: 'repairer.procurements.get',
  role: 'repairer',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: EXAMPLE_PROCUREMENT_IDENTITY,
  handle(context) {
    const id = readProcurementIdentity(context.body.identity, 'bad_request', 'identity');
    const procurement = requireProcurement(context.world, id);
    return buyerProcurementView(procurement, context.world, context.faults);
  },
};

export const procurementsList: MethodDefinition = {
  name: 'repairer.procurements.list',
  role: 'repairer',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: { job_identity: { external: SEED.job.external } },
  handle(context) {
    const identity = readJobIdentity(context.body.job_identity, 'bad_request', 'job_identity');
    const job = requireJob(context.world, identity);
    const items = procurementsOfJob(context.world, job.id).map((procurement) =>
      buyerProcurementView(procurement, context.world, context.faults),
    );
    return { items };
  },
};

export const supplierProcurementsGet: MethodDefinition = {
  name: 'supplier.procurements.get',
  role: 'supplier',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: EXAMPLE_PROCUREMENT_IDENTITY,
  handle(context) {
    const id = readProcurementIdentity(context.body.identity, 'bad_request', 'identity');
    const procurement = requireProcurement(context.world, id);
    return supplierProcurementView(procurement, context.world, context.faults);
  },
};

/**
 * Moves a procurement to `order_confirmed` and issues its invoice. Confirming again returns 200
 * with the procurement unchanged, because the union has no conflict variant.
 */
export const supplierProcurementsConfirm: MethodDefinition = {
  name: 'supplier.procurements.confirm',
  role: 'supplier',
  extension: false,
  errorStyle: 'tagged',
  invalidVariant: 'bad_request',
  example: EXAMPLE_PROCUREMENT_IDENTITY,
  handle(context) {
    const id = readProcurementIdentity(context.body.identity, 'bad_request', 'identity');
    const procurement = requireProcurement(context.world, id);
    if (procurement.status === 'order_requested' && !context.faults.has('confirm-ignored')) {
      const now = context.now();
      procurement.status = 'order_confirmed';
      procurement.updatedAt = now;
      issueInvoice(context.world, procurement, now);
    }
    return supplierProcurementView(procurement, context.world, context.faults);
  },
};
