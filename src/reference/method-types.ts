import type { ErrorStyle, Role } from '../spec/types.js';
import type { Variant } from './api-error.js';
import type { Caller } from './auth.js';
import type { FaultSet } from './faults.js';
import type { Fields } from './request-fields.js';
import type { World } from './world.js';

/** Input of a method handler: the tenant's world, the caller and the request body. */
export interface MethodContext {
  world: World;
  caller: Caller;
  body: Fields;
  faults: FaultSet;
  /** Current time as an RFC 3339 string, for created and updated timestamps. */
  now(): string;
}

/** One method of the reference target. */
export interface MethodDefinition {
  /** Wire name, such as `repairer.jobs.get`. */
  name: string;
  role: Role;
  extension: boolean;
  errorStyle: ErrorStyle;
  /**
   * Variant for a request that breaks the request schema: `bad_request` or `unprocessable` when
   * the method's union has one, else `bad_request` outside the union (any 4xx other than 401 and
   * 403 is allowed there).
   */
  invalidVariant: Variant;
  /** The caller's integration needs the businesses scope (only `businesses.list`). */
  needsBusinessesScope?: boolean;
  /** The example request of the API reference, which succeeds in a fresh world. */
  example: Fields;
  /** Returns the 200 body, without `x_extension`; raises an `ApiError` for an error variant. */
  handle(context: MethodContext): Record<string, unknown>;
}
