import { ApiError } from './api-error.js';
import type { Caller } from './auth.js';
import type { FaultSet } from './faults.js';
import type { MethodDefinition } from './method-types.js';
import { issueInvoice } from './methods/invoices.js';
import { SEED } from './seed.js';
import { createWorld } from './world.js';

/**
 * Builds the 200 body the `accept-invalid` fault answers a schema-invalid request with: the
 * method's own answer to its example request, computed in a throwaway world so the tenant's
 * state stays unchanged. Returns undefined when even the example fails for this caller.
 */
export function plausibleBody(
  method: MethodDefinition,
  caller: Caller,
  faults: FaultSet,
): Record<string, unknown> | undefined {
  const world = createWorld();
  const procurement = world.procurements.get(SEED.procurement.id);
  let body = method.example;
  if (procurement !== undefined) {
    // A confirmed procurement, so the invoice methods have a document to return.
    procurement.status = 'order_confirmed';
    const invoice = issueInvoice(world, procurement, procurement.createdAt);
    if (method.name === 'repairer.procurements.invoices.get') {
      body = { identity: { id: invoice.id } };
    }
  }
  try {
    return method.handle({ world, caller, body, faults, now: () => new Date().toISOString() });
  } catch (error) {
    if (error instanceof ApiError) {
      return undefined;
    }
    throw error;
  }
}
