import {
  isJsonObject,
  type NormalizedSchema,
  normalizeSchema,
  SCHEMA_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
} from './schema-normalize.js';

/** JSON text with object keys sorted, so that key order never makes two values differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (isJsonObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface Printed {
  text: string;
  /** Lowest stack index a cycle inside this node points back to; Infinity when none. */
  reach: number;
}

/** Per document, the printed body of each node that holds no reference to an outer node. */
const bodiesByRoot = new WeakMap<object, WeakMap<object, string>>();

function bodiesFor(root: unknown): WeakMap<object, string> {
  const key = isJsonObject(root) ? root : bodiesByRoot;
  let bodies = bodiesByRoot.get(key);
  if (!bodies) {
    bodies = new WeakMap();
    bodiesByRoot.set(key, bodies);
  }
  return bodies;
}

/**
 * Prints a canonical text of the shape a schema accepts: equal texts mean equal shapes, whatever the
 * `$ref` names, key order, annotations or spelling of null. A recursive schema prints its
 * back-reference as the distance to the node it returns to, so two recursive schemas with the
 * same structure under different names print the same text.
 */
export function fingerprintSchema(root: unknown, schema: unknown): string {
  return printSchema(root, schema, [], bodiesFor(root)).text;
}

function printSchema(
  root: unknown,
  raw: unknown,
  stack: object[],
  bodies: WeakMap<object, string>,
): Printed {
  const schema = normalizeSchema(root, raw);
  const prefix = schema.nullable ? '?' : '';
  const index = stack.indexOf(schema.node);
  if (index >= 0) {
    return { text: `${prefix}#${stack.length - index}`, reach: index };
  }
  const cached = bodies.get(schema.node);
  if (cached !== undefined) {
    return { text: prefix + cached, reach: Number.POSITIVE_INFINITY };
  }

  stack.push(schema.node);
  let reach = Number.POSITIVE_INFINITY;
  const printChild = (child: unknown): string => {
    const printed = printSchema(root, child, stack, bodies);
    reach = Math.min(reach, printed.reach);
    return printed.text;
  };
  const body = printBody(schema, printChild);
  stack.pop();

  if (reach >= stack.length) {
    bodies.set(schema.node, body);
  }
  return { text: prefix + body, reach };
}

function printBody(schema: NormalizedSchema, printChild: (child: unknown) => string): string {
  if (schema.never) {
    return 'never';
  }
  const parts: string[] = [];
  const add = (label: string, text: string | undefined): void => {
    if (text !== undefined) {
      parts.push(`${label}=${text}`);
    }
  };

  // An enum fixes the types of its values, so `type` beside it adds nothing.
  add('type', schema.enumValues ? undefined : schema.types?.join(','));
  add('enum', schema.enumValues?.map(canonicalJson).sort().join(','));
  add('format', schema.format);
  add('properties', printProperties(schema.properties, printChild));
  add('required', schema.required.length > 0 ? schema.required.join(',') : undefined);
  add('additionalProperties', printOptional(schema.additionalProperties, printChild));
  add('items', printOptional(schema.items, printChild));
  add('prefixItems', schema.prefixItems?.map(printChild).join(','));
  add('branches', schema.branches?.map(printChild).sort().join('|'));
  add('allOf', schema.allOf?.map(printChild).sort().join('&'));
  add('bounds', Object.keys(schema.bounds).length > 0 ? canonicalJson(schema.bounds) : undefined);
  for (const key of Object.keys(schema.other).sort()) {
    add(key, printOther(key, schema.other[key], printChild));
  }
  return `{${parts.join(';')}}`;
}

function printOptional(value: unknown, printChild: (child: unknown) => string): string | undefined {
  return value === undefined ? undefined : printChild(value);
}

function printProperties(
  properties: Record<string, unknown> | undefined,
  printChild: (child: unknown) => string,
): string | undefined {
  if (!properties) {
    return undefined;
  }
  const entries = Object.keys(properties)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${printChild(properties[key])}`);
  return `(${entries.join(',')})`;
}

/** Prints a keyword outside the common set; schema-valued ones print as schemas. */
export function printOther(
  key: string,
  value: unknown,
  printChild: (child: unknown) => string,
): string {
  if (SCHEMA_KEYWORDS.has(key)) {
    return printChild(value);
  }
  if (SCHEMA_MAP_KEYWORDS.has(key) && isJsonObject(value)) {
    return printProperties(value, printChild) ?? '';
  }
  if (key === 'anyOf' && Array.isArray(value)) {
    return value.map(printChild).sort().join('|');
  }
  return canonicalJson(value);
}

const MAX_LISTED = 6;

/** Describes a schema in a few words for reports, such as `string(uuid) | null` or `enum(a, b)`. */
export function describeSchema(root: unknown, raw: unknown, depth = 2): string {
  const schema = normalizeSchema(root, raw);
  const base = describeBase(root, schema, depth);
  return schema.nullable ? `${base} | null` : base;
}

function listed(values: string[]): string {
  const shown = values.slice(0, MAX_LISTED).join(', ');
  return values.length > MAX_LISTED ? `${shown}, ...` : shown;
}

function describeBase(root: unknown, schema: NormalizedSchema, depth: number): string {
  if (schema.never) {
    return 'never';
  }
  if (schema.enumValues) {
    return `enum(${listed(schema.enumValues.map((value) => JSON.stringify(value)))})`;
  }
  if (schema.branches) {
    return depth > 0
      ? schema.branches.map((branch) => describeSchema(root, branch, depth - 1)).join(' | ')
      : `${schema.branchKeyword}(${schema.branches.length})`;
  }
  if (!schema.types) {
    return schema.properties ? describeObject(schema) : 'any';
  }
  return schema.types.map((type) => describeType(root, schema, type, depth)).join(' | ');
}

function describeType(
  root: unknown,
  schema: NormalizedSchema,
  type: string,
  depth: number,
): string {
  if (type === 'array' && schema.items !== undefined && depth > 0) {
    return `array<${describeSchema(root, schema.items, depth - 1)}>`;
  }
  if (type === 'object') {
    return describeObject(schema);
  }
  return schema.format ? `${type}(${schema.format})` : type;
}

function describeObject(schema: NormalizedSchema): string {
  const keys = Object.keys(schema.properties ?? {});
  return keys.length > 0 ? `object{${listed(keys)}}` : 'object';
}
