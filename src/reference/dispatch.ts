import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, invalidRequest } from './api-error.js';
import { authorize, type Caller } from './auth.js';
import type { FaultSet } from './faults.js';
import type { MethodDefinition } from './method-types.js';
import { plausibleBody } from './plausible.js';
import { errorReply, type Reply, successReply } from './reply.js';
import { type Fields, isObject } from './request-fields.js';
import { SHARED_TENANT, TENANT_NAME_PATTERN, type TenantStore } from './tenants.js';
import type { World } from './world.js';

/** State shared by every request to one reference target. */
export interface TargetState {
  tenants: TenantStore;
  faults: FaultSet;
}

/**
 * Builds the response to one POST to a known method. The order is fixed: tenant header, credentials (401),
 * role (403), then the body and the method's own validation and lookups (400, 404, 422).
 */
export function dispatch(
  state: TargetState,
  method: MethodDefinition,
  headers: IncomingHttpHeaders,
  bodyText: string,
): Reply {
  const faults = state.faults;
  let caller: Caller | undefined;
  try {
    const world = selectWorld(state, headers);
    caller = authorize(headers, world, method, faults);
    const body = parseBody(bodyText);
    const now = () => new Date().toISOString();
    return successReply(method, method.handle({ world, caller, body, faults, now }), faults);
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    if (error.schemaInvalid && caller !== undefined && faults.has('accept-invalid')) {
      const body = plausibleBody(method, caller, faults);
      if (body !== undefined) {
        return successReply(method, body, faults);
      }
    }
    return errorReply(method, error.variant, faults);
  }
}

/**
 * Picks the world of the `x-partifact-tenant` header, or the shared world without one. An
 * invalid tenant name is `bad_request`, because the contract leaves it open and a 400 puts the
 * fault on the request.
 */
function selectWorld(state: TargetState, headers: IncomingHttpHeaders): World {
  const tenant = headers['x-partifact-tenant'];
  if (tenant !== undefined && (typeof tenant !== 'string' || !TENANT_NAME_PATTERN.test(tenant))) {
    throw new ApiError('bad_request', 'invalid x-partifact-tenant: expected 1 to 64 of [a-z0-9_-]');
  }
  if (tenant === undefined || state.faults.has('tenant-leak')) {
    return state.tenants.world(SHARED_TENANT);
  }
  return state.tenants.world(tenant);
}

/**
 * Parses the request body whatever its Content-Type: empty (or only whitespace) is `{}`. Malformed JSON is `bad_request`
 * and stays an error under the `accept-invalid` fault, because it never reaches the request
 * schema. A body that is JSON but not an object breaks the schema: also `bad_request`, in the
 * method's error style (so a bare `"bad_request"` on `repairer.jobs.parts.insert`).
 */
function parseBody(text: string): Fields {
  if (text.trim() === '') {
    return {};
  }
  let value: unknown;
  // The SyntaxError of malformed JSON is only a signal here, so it gets no stack trace.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', 'body is not valid JSON');
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (!isObject(value)) {
    invalidRequest('bad_request', 'body is not a JSON object');
  }
  return value;
}
