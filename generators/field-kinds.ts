import { toPointer } from './json-pointer.js';
import { asSchema, branchesOf, flattenAllOf, propertySchemas } from './schema-node.js';
import type { JsonSchema } from './types.js';

/** A reference a request names, which the target must already hold for the request to succeed. */
export type ReferenceKind =
  | 'job'
  | 'procurement'
  | 'invoice'
  | 'site'
  | 'work-provider'
  | 'sellable'
  | 'supplier-business'
  | 'job-part'
  | 'grant';

/** A field whose values come from the fixtures or known ids rather than from its schema. */
export type FieldKind = ReferenceKind | 'vin' | 'upload-kind' | 'offer-selections';

const REFERENCE_KINDS: readonly string[] = [
  'job',
  'procurement',
  'invoice',
  'site',
  'work-provider',
  'sellable',
  'supplier-business',
  'job-part',
  'grant',
];

const KINDS_BY_KEY: Readonly<Record<string, FieldKind>> = {
  job_identity: 'job',
  procurement_identity: 'procurement',
  repairer_site_id: 'site',
  work_provider_id: 'work-provider',
  sellable_id: 'sellable',
  supplier_business_id: 'supplier-business',
  job_part_ids: 'job-part',
};

/** Maximum path depth the kind scan follows, far beyond any request body. */
const MAX_SCAN_DEPTH = 12;

/**
 * Names the kind of value a field of a method's request holds, from the method and the path
 * (property names, `*` for array items), or undefined for a field the schema alone describes.
 */
export function fieldKind(method: string, path: readonly string[]): FieldKind | undefined {
  const pointer = toPointer(path);
  if (method === 'integrations.insert' && path.length === 0) {
    return 'grant';
  }
  if (method === 'tier1.prepare' && pointer === '/identifiers/*/vin') {
    return 'vin';
  }
  if (method === 'uploads.prepare' && (pointer === '/media_type' || pointer === '/type')) {
    return 'upload-kind';
  }
  if (pointer === '/offer_selections') {
    return 'offer-selections';
  }
  const key = path.at(-1);
  if (key === 'identity') {
    return identityKind(method);
  }
  return key === undefined ? undefined : KINDS_BY_KEY[key];
}

// The `identity` field names a job, a procurement or an invoice depending on the method.
function identityKind(method: string): FieldKind | undefined {
  if (method.startsWith('repairer.jobs.')) {
    return 'job';
  }
  if (method.endsWith('.invoices.get')) {
    return 'invoice';
  }
  return method.includes('.procurements.') ? 'procurement' : undefined;
}

/** Tells whether a field kind is a reference to a record of the target. */
export function isReferenceKind(kind: FieldKind): kind is ReferenceKind {
  return REFERENCE_KINDS.includes(kind);
}

/**
 * Finds every field of a request schema that has a kind, as a map from kind to the JSON
 * pointers (with `*` for array items) where it sits. Branches of `oneOf` and `anyOf` count.
 */
export function findFieldKinds(method: string, schema: unknown): Map<FieldKind, string[]> {
  const found = new Map<FieldKind, string[]>();
  scan(method, asSchema(schema), [], found);
  return found;
}

function scan(
  method: string,
  schema: JsonSchema,
  path: readonly string[],
  found: Map<FieldKind, string[]>,
): void {
  if (path.length > MAX_SCAN_DEPTH) {
    return;
  }
  const kind = fieldKind(method, path);
  if (kind !== undefined) {
    const pointers = found.get(kind) ?? [];
    const pointer = toPointer(path);
    if (!pointers.includes(pointer)) {
      pointers.push(pointer);
    }
    found.set(kind, pointers);
  }
  const node = flattenAllOf(schema);
  for (const branch of [...branchesOf(node, 'oneOf'), ...branchesOf(node, 'anyOf')]) {
    scan(method, branch, path, found);
  }
  for (const [key, property] of Object.entries(propertySchemas(node))) {
    scan(method, property, [...path, key], found);
  }
  if (node.items !== undefined) {
    scan(method, asSchema(node.items), [...path, '*'], found);
  }
}
