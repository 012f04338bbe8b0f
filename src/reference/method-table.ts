import type { MethodDefinition } from './method-types.js';
import { integrationsInsert } from './methods/integrations.js';
import { invoicesGet, invoicesList } from './methods/invoices.js';
import { basketsLatestGet, jobsGet, jobsInsert } from './methods/jobs.js';
import {
  businessesList,
  tier1Prepare,
  uploadsPrepare,
  workProvidersList,
} from './methods/organization.js';
import { partsInsert, partsList } from './methods/parts.js';
import { procurementsInsert } from './methods/procurement-insert.js';
import {
  procurementsGet,
  procurementsList,
  supplierProcurementsConfirm,
  supplierProcurementsGet,
} from './methods/procurements.js';

/** The 14 wire methods followed by the 3 extensions. */
export const REFERENCE_METHODS: readonly MethodDefinition[] = [
  businessesList,
  integrationsInsert,
  basketsLatestGet,
  jobsGet,
  jobsInsert,
  partsInsert,
  partsList,
  procurementsGet,
  procurementsList,
  workProvidersList,
  supplierProcurementsConfirm,
  supplierProcurementsGet,
  tier1Prepare,
  uploadsPrepare,
  procurementsInsert,
  invoicesList,
  invoicesGet,
];

/** The methods by wire name. */
export const METHODS_BY_NAME: ReadonlyMap<string, MethodDefinition> = new Map(
  REFERENCE_METHODS.map((method) => [method.name, method]),
);
