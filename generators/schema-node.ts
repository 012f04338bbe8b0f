import { jsonTypeOf } from '../src/json-type.js';
import type { JsonSchema } from './types.js';

/** JSON types as JSON Schema names them. */
export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

const JSON_TYPES: readonly JsonType[] = [
  'null',
  'boolean',
  'object',
  'array',
  'number',
  'integer',
  'string',
];

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];

/** Reads a schema value: `true` is `{}`, `false` is `{ not: {} }`, anything else is an object. */
export function asSchema(value: unknown): JsonSchema {
  if (value === false) {
    return { not: {} };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  return value as JsonSchema;
}

/** Tells whether the spec marks this node as a best guess rather than a published fact. */
export function isInferred(schema: JsonSchema): boolean {
  return schema['x-provenance'] === 'inferred';
}

/** Returns the `type` keyword as a list, or undefined when the node does not restrict the type. */
export function declaredTypes(schema: JsonSchema): JsonType[] | undefined {
  const type = schema.type;
  if (typeof type === 'string') {
    return JSON_TYPES.includes(type as JsonType) ? [type as JsonType] : [];
  }
  if (Array.isArray(type)) {
    return type.filter((entry): entry is JsonType => JSON_TYPES.includes(entry as JsonType));
  }
  return undefined;
}

/** Returns the JSON type of a value, with whole numbers as `integer`. */
export function typeOfValue(value: unknown): JsonType {
  return jsonTypeOf(value) as JsonType;
}

/** Tells whether a value's JSON type is among the allowed ones (`number` admits integers). */
export function isTypeAllowed(value: unknown, allowed: readonly JsonType[]): boolean {
  const type = typeOfValue(value);
  return allowed.includes(type) || (type === 'integer' && allowed.includes('number'));
}

/** Returns the schema's `required` names. */
export function requiredNames(schema: JsonSchema): string[] {
  return Array.isArray(schema.required)
    ? schema.required.filter((name): name is string => typeof name === 'string')
    : [];
}

/** Returns the schema's `properties`, each read with `asSchema`. */
export function propertySchemas(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(properties as Record<string, unknown>).map(([key, value]) => [
      key,
      asSchema(value),
    ]),
  );
}

/** Returns the branches of `oneOf` or `anyOf`, or an empty list. */
export function branchesOf(schema: JsonSchema, keyword: 'oneOf' | 'anyOf'): JsonSchema[] {
  const branches = schema[keyword];
  return Array.isArray(branches) ? branches.map(asSchema) : [];
}

/** Returns a copy of the schema without the named keywords. */
export function omitKeywords(schema: JsonSchema, keywords: readonly string[]): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keywords.includes(key)));
}

/**
 * Folds `allOf` into its node, so that a constraint the spec keeps in an `allOf` member (as it
 * does for inferred bounds) sits beside the published ones. `x-provenance` of the members is
 * dropped: it marks a constraint for validation and means nothing to a generator.
 */
export function flattenAllOf(schema: JsonSchema): JsonSchema {
  const members = schema.allOf;
  if (!Array.isArray(members) || members.length === 0) {
    return schema;
  }
  let merged = omitKeywords(schema, ['allOf']);
  for (const member of members) {
    merged = mergeSchemas(merged, omitKeywords(flattenAllOf(asSchema(member)), ['x-provenance']));
  }
  return merged;
}

/**
 * Merges two schemas that must both hold, keeping the tighter bound of each keyword. A keyword
 * the merge cannot combine (a second `oneOf`, two patterns) keeps the first schema's value, so
 * generators must still check their output against the original schema.
 */
export function mergeSchemas(first: JsonSchema, second: JsonSchema): JsonSchema {
  const merged: Record<string, unknown> = { ...second, ...first };
  mergeTypes(merged, first, second);
  mergeBounds(merged, first, second);
  mergeProperties(merged, first, second);
  const required = [...new Set([...requiredNames(first), ...requiredNames(second)])];
  if (required.length > 0) {
    merged.required = required;
  }
  if (Array.isArray(first.enum) && Array.isArray(second.enum)) {
    const allowed = second.enum.map((value) => JSON.stringify(value));
    merged.enum = first.enum.filter((value) => allowed.includes(JSON.stringify(value)));
  }
  if (Array.isArray(first.examples) && Array.isArray(second.examples)) {
    merged.examples = [...first.examples, ...second.examples];
  }
  if (first.items !== undefined && second.items !== undefined) {
    merged.items = { allOf: [first.items, second.items] };
  }
  return merged;
}

function mergeTypes(merged: Record<string, unknown>, first: JsonSchema, second: JsonSchema): void {
  const firstTypes = declaredTypes(first);
  const secondTypes = declaredTypes(second);
  if (firstTypes === undefined || secondTypes === undefined) {
    return;
  }
  const both = firstTypes.filter((type) => secondTypes.includes(type));
  if (firstTypes.includes('integer') && secondTypes.includes('number')) {
    both.push('integer');
  }
  if (firstTypes.includes('number') && secondTypes.includes('integer')) {
    both.push('integer');
  }
  merged.type = [...new Set(both)];
}

function mergeBounds(merged: Record<string, unknown>, first: JsonSchema, second: JsonSchema): void {
  for (const keyword of LOWER_BOUNDS) {
    const values = [first[keyword], second[keyword]].filter((v) => typeof v === 'number');
    if (values.length > 0) {
      merged[keyword] = Math.max(...values);
    }
  }
  for (const keyword of UPPER_BOUNDS) {
    const values = [first[keyword], second[keyword]].filter((v) => typeof v === 'number');
    if (values.length > 0) {
      merged[keyword] = Math.min(...values);
    }
  }
  if (first.uniqueItems === true || second.uniqueItems === true) {
    merged.uniqueItems = true;
  }
}

function mergeProperties(
  merged: Record<string, unknown>,
  first: JsonSchema,
  second: JsonSchema,
): void {
  const firstProperties = propertySchemas(first);
  const secondProperties = propertySchemas(second);
  if (Object.keys(firstProperties).length === 0 && Object.keys(secondProperties).length === 0) {
    return;
  }
  const properties: Record<string, unknown> = { ...secondProperties, ...firstProperties };
  for (const [key, schema] of Object.entries(secondProperties)) {
    const own = firstProperties[key];
    if (own !== undefined) {
      properties[key] = { allOf: [own, schema] };
    }
  }
  merged.properties = properties;
}
