import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './types.js';

// The generators check pieces of a request schema (one oneOf branch, one property) on their own,
// which the catalogue's whole-body validators cannot do. `logger: false` keeps Ajv from printing
// about the spec's `x-*` keys or an unknown format: library modules never print.
const ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, validateFormats: true });
addFormatsModule.default(ajv);

const compiled = new WeakMap<object, ValidateFunction>();

/** Tells whether a value is valid against one schema node, compiling each node once. */
export function matchesSchema(schema: JsonSchema, value: unknown): boolean {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    const source = withoutIdentifiers(schema);
    validate = ajv.compile(source);
    // Ajv keeps every compiled schema object for the life of the instance. This module has its own
    // weak cache instead, so that schemas built on the fly (merged branches) can be collected.
    ajv.removeSchema(source);
    compiled.set(schema, validate);
  }
  return validate(value) === true;
}

/** Counts the schemas a value is valid against. */
export function countMatches(schemas: readonly JsonSchema[], value: unknown): number {
  return schemas.filter((schema) => matchesSchema(schema, value)).length;
}

// A subschema that carries `$id` would register under that id and clash on its second compile
// (Ajv keeps one schema per id), and a dereferenced spec no longer needs the ids.
function withoutIdentifiers(schema: JsonSchema): JsonSchema {
  if (!('$id' in schema) && !('$schema' in schema)) {
    return schema;
  }
  const { $id: _id, $schema: _dialect, ...rest } = schema;
  return rest;
}
