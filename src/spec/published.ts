/**
 * Derives the "published facts only" form of a spec's schemas. The pinned spec marks each schema
 * node whose constraint is a guess with `x-provenance: inferred`, and lists guessed required
 * names in `x-required-inferred`. Validating against both forms splits schema breaks into
 * failures (the published form rejects the value) and warnings (only the full form does).
 */

/** Vendor key on a schema node whose whole constraint is inferred. */
export const PROVENANCE_KEY = 'x-provenance';

/** Vendor key on an object schema: the names in its `required` list that are inferred. */
export const REQUIRED_INFERRED_KEY = 'x-required-inferred';

type JsonObject = Record<string, unknown>;
type Schema = boolean | JsonObject;

const MAP_KEYWORDS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SINGLE_KEYWORDS = [
  'items',
  'additionalProperties',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
];
const ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'boolean' || isObject(value);
}

/** True when the schema node as a whole is marked inferred. */
export function isInferredNode(schema: unknown): boolean {
  return isObject(schema) && schema[PROVENANCE_KEY] === 'inferred';
}

function inferredRequired(schema: JsonObject): string[] {
  const names = schema[REQUIRED_INFERRED_KEY];
  return Array.isArray(names) ? names.filter((name) => typeof name === 'string') : [];
}

function subschemas(schema: JsonObject): Schema[] {
  const found: Schema[] = [];
  for (const keyword of MAP_KEYWORDS) {
    const map = schema[keyword];
    if (isObject(map)) found.push(...Object.values(map).filter(isSchema));
  }
  for (const keyword of SINGLE_KEYWORDS) {
    const child = schema[keyword];
    if (isSchema(child)) found.push(child);
  }
  for (const keyword of ARRAY_KEYWORDS) {
    const list = schema[keyword];
    if (Array.isArray(list)) found.push(...list.filter(isSchema));
  }
  return found;
}

/** Resolves a local `#/...` JSON pointer against the document, or returns undefined for others. */
function resolveLocal(document: JsonObject, reference: string): unknown {
  if (!reference.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of reference.slice(2).split('/')) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as JsonObject)[token];
  }
  return node;
}

/**
 * Relaxes schemas of one document. Schemas reached through `$ref` are relaxed where they are
 * defined, because the relaxed document keeps the same layout and so the same pointers.
 */
class Relaxer {
  private readonly touchedByReference = new Map<string, boolean>();

  constructor(private readonly document: JsonObject) {}

  /** True when the schema, or anything it contains or references, carries an inferred mark. */
  touchesInferred(schema: Schema): boolean {
    if (typeof schema === 'boolean') return false;
    if (isInferredNode(schema) || inferredRequired(schema).length > 0) return true;
    const reference = schema.$ref;
    if (typeof reference === 'string' && this.referenceTouchesInferred(reference)) return true;
    return subschemas(schema).some((child) => this.touchesInferred(child));
  }

  private referenceTouchesInferred(reference: string): boolean {
    const known = this.touchedByReference.get(reference);
    if (known !== undefined) return known;
    // A cycle is answered by the other nodes on it, so an unfinished reference counts as false.
    this.touchedByReference.set(reference, false);
    const target = resolveLocal(this.document, reference);
    const touched = isSchema(target) && this.touchesInferred(target);
    this.touchedByReference.set(reference, touched);
    return touched;
  }

  relax(schema: Schema): Schema {
    if (typeof schema === 'boolean') return schema;
    if (isInferredNode(schema)) return {};

    const relaxed: JsonObject = { ...schema };
    this.relaxRequired(relaxed);
    for (const keyword of MAP_KEYWORDS) {
      const map = schema[keyword];
      if (isObject(map)) relaxed[keyword] = this.relaxMap(map);
    }
    for (const keyword of SINGLE_KEYWORDS) {
      const child = schema[keyword];
      if (isSchema(child)) relaxed[keyword] = this.relax(child);
    }
    for (const keyword of ARRAY_KEYWORDS) {
      const list = schema[keyword];
      if (Array.isArray(list)) relaxed[keyword] = list.map((item) => this.relaxItem(item));
    }
    this.loosenOneOf(schema, relaxed);
    return relaxed;
  }

  private relaxItem(item: unknown): unknown {
    return isSchema(item) ? this.relax(item) : item;
  }

  private relaxMap(map: JsonObject): JsonObject {
    const relaxed: JsonObject = {};
    for (const [name, child] of Object.entries(map)) {
      relaxed[name] = this.relaxItem(child);
    }
    return relaxed;
  }

  private relaxRequired(relaxed: JsonObject): void {
    const soft = new Set(inferredRequired(relaxed));
    if (soft.size === 0 || !Array.isArray(relaxed.required)) return;
    relaxed.required = relaxed.required.filter((name) => !soft.has(name));
  }

  /**
   * A `oneOf` whose branch was loosened may now match a value twice (`oneOf: [null, {}]` with
   * null), which `oneOf` rejects. Such a `oneOf` becomes an `anyOf`, which keeps "at least one".
   */
  private loosenOneOf(original: JsonObject, relaxed: JsonObject): void {
    const branches = original.oneOf;
    if (!Array.isArray(branches)) return;
    if (!branches.some((branch) => isSchema(branch) && this.touchesInferred(branch))) return;

    const loosened = relaxed.oneOf;
    delete relaxed.oneOf;
    if (relaxed.anyOf === undefined) {
      relaxed.anyOf = loosened;
    } else {
      const allOf = Array.isArray(relaxed.allOf) ? relaxed.allOf : [];
      relaxed.allOf = [...allOf, { anyOf: loosened }];
    }
  }
}

/**
 * Returns the published-facts-only copy of a document's schemas: `components.schemas` and every
 * `schema` under `paths`. An inferred node becomes `{}`, inferred required names leave `required`,
 * and a `oneOf` with a loosened branch becomes an `anyOf`. Everything else, including `$ref`s,
 * keeps its place, so a JSON pointer into the input also points into the output.
 */
export function derivePublishedDocument(document: JsonObject): JsonObject {
  const relaxer = new Relaxer(document);
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};

  const relaxedSchemas: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) {
    relaxedSchemas[name] = isSchema(schema) ? relaxer.relax(schema) : schema;
  }
  return {
    ...document,
    components: { ...components, schemas: relaxedSchemas },
    paths: relaxSchemaSlots(relaxer, document.paths),
  };
}

const NON_SCHEMA_KEYS = new Set(['example', 'examples']);

/** Walks the paths object and relaxes the value of every `schema` key, skipping examples. */
function relaxSchemaSlots(relaxer: Relaxer, value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => relaxSchemaSlots(relaxer, item));
  }
  if (!isObject(value)) return value;

  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'schema' && isSchema(child)) {
      copy[key] = relaxer.relax(child);
    } else if (NON_SCHEMA_KEYS.has(key)) {
      copy[key] = child;
    } else {
      copy[key] = relaxSchemaSlots(relaxer, child);
    }
  }
  return copy;
}
