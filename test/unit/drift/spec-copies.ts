import { readFileSync } from 'node:fs';
import type { OpenAPIV3_1 } from 'openapi-types';

/** Helpers that make altered copies of the pinned spec fixture for the drift tests. */

type JsonObject = Record<string, unknown>;

export const PINNED_FIXTURE = new URL('../../fixtures/drift/pinned.openapi.json', import.meta.url);

const PREFIX = '/api/2026-01/';

/** Reads a fresh copy of the pinned spec fixture. */
export function readPinned(): OpenAPIV3_1.Document {
  return JSON.parse(readFileSync(PINNED_FIXTURE, 'utf8')) as OpenAPIV3_1.Document;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function schemasOf(document: OpenAPIV3_1.Document): Record<string, JsonObject> {
  return document.components?.schemas as Record<string, JsonObject>;
}

export function schemaOf(document: OpenAPIV3_1.Document, name: string): JsonObject {
  const schema = schemasOf(document)[name];
  if (!schema) {
    throw new Error(`The fixture has no component schema ${name}`);
  }
  return schema;
}

export function propertiesOf(document: OpenAPIV3_1.Document, name: string): JsonObject {
  return schemaOf(document, name).properties as JsonObject;
}

export function pathsOf(document: OpenAPIV3_1.Document): Record<string, JsonObject> {
  return document.paths as Record<string, JsonObject>;
}

export function operationOf(document: OpenAPIV3_1.Document, method: string): JsonObject {
  const item = pathsOf(document)[PREFIX + method];
  if (!item) {
    throw new Error(`The fixture has no method ${method}`);
  }
  return item.post as JsonObject;
}

/** Returns the `oneOf` list of a method's `default` response schema. */
export function errorUnionOf(document: OpenAPIV3_1.Document, method: string): unknown[] {
  const responses = operationOf(document, method).responses as JsonObject;
  const content = (responses.default as JsonObject).content as JsonObject;
  const schema = (content['application/json'] as JsonObject).schema as JsonObject;
  return schema.oneOf as unknown[];
}

/** Moves a method to a new name: new path, new operationId, same shape. */
export function renameMethod(document: OpenAPIV3_1.Document, from: string, to: string): void {
  const paths = pathsOf(document);
  const item = paths[PREFIX + from];
  if (!item) {
    throw new Error(`The fixture has no method ${from}`);
  }
  delete paths[PREFIX + from];
  (item.post as JsonObject).operationId = to;
  paths[PREFIX + to] = item;
}

function mapDeep(value: unknown, visit: (object: JsonObject) => JsonObject): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => mapDeep(item, visit));
  }
  if (!isObject(value)) {
    return value;
  }
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = mapDeep(item, visit);
  }
  return visit(copy);
}

/** Renames every component schema and rewrites each `$ref` to the new name. */
export function renameComponents(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  const renamed = (name: string): string => `Renamed_${name.replace(/\./g, '_')}`;
  const rewritten = mapDeep(document, (object) => {
    if (typeof object.$ref === 'string' && object.$ref.startsWith('#/components/schemas/')) {
      const name = object.$ref.slice('#/components/schemas/'.length);
      return { ...object, $ref: `#/components/schemas/${renamed(name)}` };
    }
    return object;
  }) as OpenAPIV3_1.Document;
  const schemas = schemasOf(rewritten);
  const components = rewritten.components as JsonObject;
  components.schemas = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [renamed(name), schema]),
  );
  return rewritten;
}

/** Reverses the key order of every object and the order of every `required` and `enum` list. */
export function reorderKeys(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  return mapDeep(document, (object) => {
    const reversed: JsonObject = {};
    for (const key of Object.keys(object).reverse()) {
      const value = object[key];
      const isList = (key === 'required' || key === 'enum') && Array.isArray(value);
      reversed[key] = isList ? [...(value as unknown[])].reverse() : value;
    }
    return reversed;
  }) as OpenAPIV3_1.Document;
}

function isNullSchema(value: unknown): boolean {
  return isObject(value) && value.type === 'null';
}

/**
 * Rewrites each `oneOf [null, T]`: to `type: [T, 'null']` when T is an inline schema with a single
 * type, and to `anyOf [T, {type: 'null'}]` otherwise.
 */
export function respellNullable(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  return mapDeep(document, (object) => {
    const branches = object.oneOf;
    if (!Array.isArray(branches) || branches.length !== 2 || !isNullSchema(branches[0])) {
      return object;
    }
    const { oneOf: _oneOf, ...rest } = object;
    const other = branches[1];
    if (isObject(other) && typeof other.type === 'string' && other.$ref === undefined) {
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
    return { ...rest, anyOf: [other, { type: 'null' }] };
  }) as OpenAPIV3_1.Document;
}

/** Changes every description and summary, and drops every example and vendor `x-*` key. */
export function rewordAnnotations(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  return mapDeep(document, (object) => {
    const copy: JsonObject = {};
    for (const [key, value] of Object.entries(object)) {
      if (key.startsWith('x-') || key === 'examples' || key === 'example') {
        continue;
      }
      const isText = (key === 'description' || key === 'summary') && typeof value === 'string';
      copy[key] = isText ? `Reworded: ${value}` : value;
    }
    return copy;
  }) as OpenAPIV3_1.Document;
}

/** A small spec whose one method returns a recursive schema, for the cycle tests. */
export function recursiveSpec(schemaName: string): OpenAPIV3_1.Document {
  const reference = { $ref: `#/components/schemas/${schemaName}` };
  return {
    openapi: '3.1.0',
    info: { title: 'Recursive', version: '2026-01' },
    paths: {
      '/api/2026-01/categories.get': {
        post: {
          operationId: 'categories.get',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          responses: {
            '200': {
              description: 'Success.',
              content: { 'application/json': { schema: reference } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        [schemaName]: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            parent: { oneOf: [{ type: 'null' }, reference] },
            children: { type: 'array', items: reference },
          },
        },
      },
    },
  } as OpenAPIV3_1.Document;
}
