import { jsonTypeOf } from '../json-type.js';

/**
 * A canonical view of one JSON Schema node, so that two spellings of the same shape compare as
 * equal: `oneOf [null, T]`, `anyOf [T, null]`, `type: [T, 'null']` and `nullable: true` are one
 * nullable T; `$ref` names, key order, descriptions, examples and vendor `x-*` keys do not count.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Keywords that annotate a schema without changing which instances it accepts (JSON Schema
 * 2020-12 meta-data and content vocabularies, plus OpenAPI's own annotations).
 */
const ANNOTATION_KEYWORDS = new Set([
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  '$id',
  '$schema',
  '$anchor',
  '$dynamicAnchor',
  '$defs',
  'definitions',
  'discriminator',
  'externalDocs',
  'xml',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
]);

/** Numeric and length bounds, by the direction in which a larger value moves them. */
export const LOWER_BOUNDS = [
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'minItems',
  'minProperties',
  'minContains',
];
export const UPPER_BOUNDS = [
  'maximum',
  'exclusiveMaximum',
  'maxLength',
  'maxItems',
  'maxProperties',
  'maxContains',
];
/** Other constraints that only narrow when added and only widen when removed. */
export const OTHER_CONSTRAINTS = ['pattern', 'multipleOf', 'uniqueItems'];

const BOUND_KEYWORDS = new Set([...LOWER_BOUNDS, ...UPPER_BOUNDS, ...OTHER_CONSTRAINTS]);

/** Keywords of `other` whose value is one schema, or a map of names to schemas. */
export const SCHEMA_KEYWORDS = new Set([
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'additionalItems',
]);
export const SCHEMA_MAP_KEYWORDS = new Set(['patternProperties', 'dependentSchemas']);

/** Identity of the schema `true` (or an absent schema), which accepts everything. */
const ANY_NODE: object = Object.freeze({});
/** Identity of the schema `false`, which accepts nothing. */
const NEVER_NODE: object = Object.freeze({});

export function isAnnotation(keyword: string): boolean {
  return ANNOTATION_KEYWORDS.has(keyword) || keyword.startsWith('x-');
}

/** One schema node with its equivalent spellings folded together. */
export interface NormalizedSchema {
  /** The object whose identity stands for this node, so that recursive schemas end. */
  node: object;
  /** Whether JSON `null` is accepted next to the other types. */
  nullable: boolean;
  /** Accepted JSON types without `null`, sorted; undefined when the type is not constrained. */
  types: string[] | undefined;
  /** Accepted values (from `enum` or `const`) without `null`. */
  enumValues: unknown[] | undefined;
  format: string | undefined;
  properties: JsonObject | undefined;
  required: string[];
  /** Undefined when any additional property is allowed (absent, `true` or `{}`). */
  additionalProperties: unknown;
  /** Undefined when any item is allowed. */
  items: unknown;
  prefixItems: unknown[] | undefined;
  /** The `oneOf` or `anyOf` alternatives left after `null` was folded into `nullable`. */
  branches: unknown[] | undefined;
  branchKeyword: 'oneOf' | 'anyOf' | undefined;
  /** `allOf` members that could not be merged into this node. */
  allOf: unknown[] | undefined;
  bounds: JsonObject;
  /** Every other keyword that constrains instances. */
  other: JsonObject;
  /** The schema `false`, which accepts nothing. */
  never: boolean;
}

const MAX_NORMALIZE_DEPTH = 32;

/**
 * Resolves a local JSON pointer reference (`#/components/schemas/X`) against `root`. Returns
 * undefined for a reference that is not local or names nothing.
 */
export function resolvePointer(root: unknown, reference: string): unknown {
  if (!reference.startsWith('#')) {
    return undefined;
  }
  let fragment: string;
  try {
    fragment = decodeURIComponent(reference.slice(1));
  } catch {
    return undefined;
  }
  if (fragment === '') {
    return root;
  }
  let node: unknown = root;
  for (const token of fragment.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      node = node[Number(key)];
    } else if (isJsonObject(node) && Object.hasOwn(node, key)) {
      node = node[key];
    } else {
      return undefined;
    }
  }
  return node;
}

/** Escapes one JSON pointer token (RFC 6901 section 3). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

const mergedReferences = new WeakMap<object, object>();

function hasSemanticKeywords(schema: JsonObject, ignore: readonly string[] = []): boolean {
  return Object.keys(schema).some((key) => !isAnnotation(key) && !ignore.includes(key));
}

/**
 * Follows `$ref` until a node without one, the way swagger-parser dereferences: keywords beside a
 * `$ref` are merged over its target. A reference that does not resolve is returned as it is.
 */
export function followReferences(root: unknown, value: unknown): unknown {
  let current = value;
  const seen = new Set<string>();
  while (isJsonObject(current) && typeof current.$ref === 'string') {
    const reference = current.$ref;
    const target = resolvePointer(root, reference);
    if (target === undefined || seen.has(reference)) {
      return current;
    }
    seen.add(reference);
    if (hasSemanticKeywords(current, ['$ref'])) {
      return mergeBeside(current, followReferences(root, target));
    }
    current = target;
  }
  return current;
}

/** Merges the keywords beside a `$ref` over its target, once per node so identity stays stable. */
function mergeBeside(holder: JsonObject, target: unknown): unknown {
  const cached = mergedReferences.get(holder);
  if (cached) {
    return cached;
  }
  const { $ref: _reference, ...siblings } = holder;
  const merged = isJsonObject(target) ? { ...target, ...siblings } : siblings;
  mergedReferences.set(holder, merged);
  return merged;
}

function emptyNormalized(node: object): NormalizedSchema {
  return {
    node,
    nullable: false,
    types: undefined,
    enumValues: undefined,
    format: undefined,
    properties: undefined,
    required: [],
    additionalProperties: undefined,
    items: undefined,
    prefixItems: undefined,
    branches: undefined,
    branchKeyword: undefined,
    allOf: undefined,
    bounds: {},
    other: {},
    never: false,
  };
}

/** True for a schema that accepts anything: `true`, `{}` or only annotations. */
export function isUnconstrained(schema: unknown): boolean {
  return schema === true || (isJsonObject(schema) && !hasSemanticKeywords(schema));
}

/** Sorted unique JSON types of enum values, used when a schema has `enum` but no `type`. */
function typesOfValues(values: unknown[]): string[] {
  return [...new Set(values.map(jsonTypeOf))].sort();
}

function readKeyword(result: NormalizedSchema, key: string, value: unknown): void {
  switch (key) {
    case 'type':
      result.types = (Array.isArray(value) ? value.map(String) : [String(value)]).sort();
      return;
    case 'nullable':
      result.nullable ||= value === true;
      return;
    case 'enum':
      result.enumValues = Array.isArray(value) ? [...value] : [value];
      return;
    case 'const':
      result.enumValues = [value];
      return;
    case 'format':
      result.format = String(value);
      return;
    case 'properties':
      result.properties = isJsonObject(value) ? value : undefined;
      return;
    case 'required':
      result.required = Array.isArray(value) ? value.map(String).sort() : [];
      return;
    case 'additionalProperties':
      result.additionalProperties = isUnconstrained(value) ? undefined : value;
      return;
    case 'items':
      result.items = isUnconstrained(value) ? undefined : value;
      return;
    case 'prefixItems':
      result.prefixItems = Array.isArray(value) ? value : undefined;
      return;
    case 'allOf':
      result.allOf = Array.isArray(value) ? value : undefined;
      return;
    default:
      if (BOUND_KEYWORDS.has(key)) {
        result.bounds[key] = value;
      } else {
        result.other[key] = value;
      }
  }
}

/** Moves `null` out of `types` and `enumValues` into `nullable`, when other values remain. */
function foldNullIntoNullable(result: NormalizedSchema): void {
  if (result.types?.includes('null') && result.types.length > 1) {
    result.types = result.types.filter((type) => type !== 'null');
    result.nullable = true;
  }
  if (result.enumValues?.includes(null) && result.enumValues.length > 1) {
    result.enumValues = result.enumValues.filter((value) => value !== null);
    result.nullable = true;
  }
}

/** True for a normalized schema that accepts `null` and nothing else. */
function isNullOnly(schema: NormalizedSchema): boolean {
  const onlyNullType = schema.types?.length === 1 && schema.types[0] === 'null';
  const onlyNullValue = schema.enumValues?.length === 1 && schema.enumValues[0] === null;
  return (onlyNullType || onlyNullValue) && schema.branches === undefined;
}

/** True when a normalized schema constrains nothing but its types (and perhaps `nullable`). */
function isTypeOnly(schema: NormalizedSchema): boolean {
  return (
    schema.types !== undefined &&
    schema.enumValues === undefined &&
    schema.format === undefined &&
    schema.properties === undefined &&
    schema.required.length === 0 &&
    schema.additionalProperties === undefined &&
    schema.items === undefined &&
    schema.prefixItems === undefined &&
    schema.branches === undefined &&
    schema.allOf === undefined &&
    Object.keys(schema.bounds).length === 0 &&
    Object.keys(schema.other).length === 0
  );
}

/**
 * Normalizes one schema node: follows `$ref`, drops annotations, folds every spelling of
 * "or null" into `nullable`, unwraps a single remaining `oneOf`/`anyOf`/`allOf` member, and turns
 * alternatives that differ only by type into one type list.
 */
export function normalizeSchema(root: unknown, raw: unknown, depth = 0): NormalizedSchema {
  const schema = followReferences(root, raw);
  if (schema === false) {
    return { ...emptyNormalized(NEVER_NODE), never: true };
  }
  if (!isJsonObject(schema)) {
    return emptyNormalized(ANY_NODE);
  }
  const result = emptyNormalized(schema);
  for (const [key, value] of Object.entries(schema)) {
    if (isAnnotation(key) || key === 'oneOf' || key === 'anyOf') {
      continue;
    }
    readKeyword(result, key, value);
  }
  foldNullIntoNullable(result);
  if (depth >= MAX_NORMALIZE_DEPTH) {
    return result;
  }
  const combined = foldBranches(root, schema, result, depth);
  return foldAllOf(root, schema, combined, depth);
}

function branchKeywordOf(schema: JsonObject): 'oneOf' | 'anyOf' | undefined {
  if (Array.isArray(schema.oneOf)) {
    return 'oneOf';
  }
  return Array.isArray(schema.anyOf) ? 'anyOf' : undefined;
}

/** Folds the `oneOf`/`anyOf` alternatives of a node into `result`, taking `null` out of them. */
function foldBranches(
  root: unknown,
  schema: JsonObject,
  result: NormalizedSchema,
  depth: number,
): NormalizedSchema {
  const keyword = branchKeywordOf(schema);
  if (keyword === undefined) {
    return result;
  }
  if (keyword === 'oneOf' && Array.isArray(schema.anyOf)) {
    result.other.anyOf = schema.anyOf;
  }

  const branches: unknown[] = [];
  const normalized: NormalizedSchema[] = [];
  for (const branch of schema[keyword] as unknown[]) {
    const branchSchema = normalizeSchema(root, branch, depth + 1);
    if (isNullOnly(branchSchema)) {
      result.nullable = true;
    } else {
      branches.push(branch);
      normalized.push(branchSchema);
    }
  }

  if (normalized.length === 0) {
    return { ...result, types: ['null'], nullable: false };
  }
  const single = normalized[0];
  if (normalized.length === 1 && single && !hasSemanticKeywords(schema, [keyword, 'nullable'])) {
    return { ...single, nullable: single.nullable || result.nullable };
  }
  if (normalized.every(isTypeOnly) && result.types === undefined) {
    result.types = [...new Set(normalized.flatMap((branch) => branch.types ?? []))].sort();
    result.nullable ||= normalized.some((branch) => branch.nullable);
    return result;
  }
  result.branches = branches;
  result.branchKeyword = keyword;
  return result;
}

/**
 * Merges `allOf` members into the node when none of them has alternatives of its own. Otherwise
 * the members stay in `allOf` and are compared whole.
 */
function foldAllOf(
  root: unknown,
  schema: JsonObject,
  result: NormalizedSchema,
  depth: number,
): NormalizedSchema {
  const members = result.allOf;
  if (!members || members.length === 0) {
    return result;
  }
  const normalized = members.map((member) => normalizeSchema(root, member, depth + 1));
  const single = normalized[0];
  if (normalized.length === 1 && single && !hasSemanticKeywords(schema, ['allOf'])) {
    return single;
  }
  if (normalized.some((member) => member.branches !== undefined || member.allOf !== undefined)) {
    return result;
  }
  result.allOf = undefined;
  for (const member of normalized) {
    mergeMember(result, member);
  }
  return result;
}

function mergeMember(result: NormalizedSchema, member: NormalizedSchema): void {
  if (member.types) {
    result.types = result.types
      ? result.types.filter((type) => member.types?.includes(type))
      : member.types;
  }
  result.enumValues ??= member.enumValues;
  result.format ??= member.format;
  if (member.properties) {
    result.properties = { ...member.properties, ...(result.properties ?? {}) };
  }
  result.required = [...new Set([...result.required, ...member.required])].sort();
  result.additionalProperties ??= member.additionalProperties;
  result.items ??= member.items;
  result.bounds = { ...member.bounds, ...result.bounds };
  result.other = { ...member.other, ...result.other };
}

/** Returns the accepted types of a node, inferred from `enum` values when `type` is absent. */
export function effectiveTypes(schema: NormalizedSchema): string[] | undefined {
  if (schema.types) {
    return schema.types;
  }
  return schema.enumValues ? typesOfValues(schema.enumValues) : undefined;
}
