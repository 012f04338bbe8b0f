import { invalidRequest, type Variant } from './api-error.js';

/**
 * Hand-written readers of request fields. Each mirrors the request schema of the pinned spec, so
 * a request is rejected here exactly when the schema rejects it. Objects are open, so unknown
 * keys are allowed. `shape` is the variant a method returns for a schema-invalid request.
 */

/** The uuid format of ajv-formats (RFC 4122 layout, any version, optional `urn:uuid:`). */
const UUID_PATTERN = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

export type Fields = Record<string, unknown>;

export type JobIdentity = { id: string } | { external: string };

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** Returns the canonical form of a uuid: lower case, without a `urn:uuid:` prefix. */
export function canonicalUuid(value: string): string {
  return value.replace(/^urn:uuid:/i, '').toLowerCase();
}

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readObject(value: unknown, shape: Variant, field: string): Fields {
  if (!isObject(value)) {
    invalidRequest(shape, `${field} is not an object`);
  }
  return value;
}

export function readString(fields: Fields, key: string, shape: Variant): string {
  const value = fields[key];
  if (typeof value !== 'string') {
    invalidRequest(shape, `${key} is missing or not a string`);
  }
  return value;
}

export function readUuid(fields: Fields, key: string, shape: Variant): string {
  const value = fields[key];
  if (!isUuid(value)) {
    invalidRequest(shape, `${key} is missing or not a uuid`);
  }
  return canonicalUuid(value);
}

/** Reads an optional field that may be null or a string; `undefined` when absent. */
export function readOptionalNullableString(
  fields: Fields,
  key: string,
  shape: Variant,
): string | null | undefined {
  const value = fields[key];
  if (value === undefined || value === null || typeof value === 'string') {
    return value;
  }
  return invalidRequest(shape, `${key} is neither null nor a string`);
}

export function readArray(fields: Fields, key: string, shape: Variant): unknown[] {
  const value = fields[key];
  if (!Array.isArray(value)) {
    invalidRequest(shape, `${key} is missing or not an array`);
  }
  return value;
}

/**
 * Reads a `JobIdentityV1`: a `oneOf` of `{id: uuid}` and `{external: string}`, so exactly one of
 * the two branches must match. `{"id": <uuid>, "external": 5}` matches only the first and is valid.
 */
export function readJobIdentity(value: unknown, shape: Variant, field: string): JobIdentity {
  const identity = readObject(value, shape, field);
  const byId = isUuid(identity.id);
  const byExternal = typeof identity.external === 'string';
  if (byId === byExternal) {
    invalidRequest(shape, `${field} needs exactly one of id (uuid) or external (string)`);
  }
  if (byId) {
    return { id: canonicalUuid(identity.id as string) };
  }
  return { external: identity.external as string };
}

/** Reads a `ProcurementIdentityV1` (`{id: uuid}`) and returns the canonical id. */
export function readProcurementIdentity(value: unknown, shape: Variant, field: string): string {
  const identity = readObject(value, shape, field);
  return readUuid(identity, 'id', shape);
}
