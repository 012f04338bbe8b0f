/**
 * Generators of requests for the methods of the catalogue: fast-check arbitraries of valid
 * requests, and lists of invalid requests proved invalid against the request schema.
 */
export { type FieldKind, findFieldKinds, type ReferenceKind } from './field-kinds.js';
export { invalidRequests, streamInvalidRequests } from './invalid-requests.js';
export {
  createKnownIds,
  type JobReference,
  type KnownIdKind,
  KnownIds,
  type KnownJob,
  type KnownOffer,
} from './known-ids.js';
export { rememberResponse } from './remember-response.js';
export {
  type SchemaArbitraryOptions,
  type SchemaOverride,
  schemaArbitrary,
} from './schema-arbitrary.js';
export {
  type GeneratorContext,
  type InvalidRequest,
  type InvalidRequestOptions,
  type JsonSchema,
  MUTATION_CLASSES,
  type MutationClass,
  type RawBody,
  type ValidRequest,
} from './types.js';
export { validRequestArbitrary } from './valid-request.js';
