import fc from 'fast-check';
import { HarnessError } from '../src/errors.js';
import { toPointer } from './json-pointer.js';
import { countMatches, matchesSchema } from './local-validator.js';
import {
  integerArbitrary,
  numberArbitrary,
  numberKeyword,
  stringArbitrary,
} from './scalar-arbitraries.js';
import {
  asSchema,
  branchesOf,
  declaredTypes,
  flattenAllOf,
  isInferred,
  isTypeAllowed,
  type JsonType,
  mergeSchemas,
  omitKeywords,
  propertySchemas,
  requiredNames,
} from './schema-node.js';
import type { JsonSchema } from './types.js';

/**
 * Supplies the values of one node instead of the converter, or returns undefined to leave the
 * node to it. `path` contains property names, with `*` for any array item.
 */
export type SchemaOverride = (
  path: readonly string[],
  schema: JsonSchema,
) => fc.Arbitrary<unknown> | undefined;

/** Options of `schemaArbitrary`. */
export interface SchemaArbitraryOptions {
  override?: SchemaOverride;
  /** JSON pointers (with `*` for array items) of optional properties that must be present. */
  forcedPaths?: ReadonlySet<string>;
}

interface ConvertState {
  override: SchemaOverride | undefined;
  forcedPaths: ReadonlySet<string>;
}

/** Keywords the converter turns into values by construction. */
const HANDLED_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'oneOf',
  'anyOf',
  'allOf',
  'const',
  'enum',
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
]);

/** Keywords that constrain nothing. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'default',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  '$id',
  '$schema',
  '$anchor',
  'discriminator',
  'externalDocs',
  'xml',
  'contentMediaType',
  'contentEncoding',
]);

/** Maximum depth the converter enters. A deeper node means a recursion with no way out. */
const MAX_DEPTH = 24;

/** Depth past which optional properties and extra array items are left out, to end recursion. */
const OPTIONAL_DEPTH = 8;

/** Maximum number of array items generated beyond `minItems`. */
const EXTRA_ITEMS = 3;

/**
 * Builds a fast-check arbitrary of values valid against a JSON Schema 2020-12 node. Every value
 * comes from fast-check combinators, so it shrinks. Optional properties and `oneOf` branches the
 * spec marks `x-provenance: inferred` are left out: a valid case rests on published facts only.
 * A node with a keyword the converter does not build values for (`not`, `multipleOf`, ...) is
 * filtered through Ajv instead.
 */
export function schemaArbitrary(
  schema: unknown,
  options: SchemaArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const state = { override: options.override, forcedPaths: options.forcedPaths ?? new Set() };
  return convert(asSchema(schema), [], state, true);
}

function convert(
  schema: JsonSchema,
  path: readonly string[],
  state: ConvertState,
  mayOverride: boolean,
): fc.Arbitrary<unknown> {
  checkConvertible(schema, path);
  const node = flattenAllOf(schema);
  const override = mayOverride ? state.override?.(path, node) : undefined;
  if (override !== undefined) {
    return override;
  }
  const arbitrary = convertNode(node, path, state);
  return needsCheck(node) ? arbitrary.filter((value) => matchesSchema(node, value)) : arbitrary;
}

function checkConvertible(schema: JsonSchema, path: readonly string[]): void {
  if (path.length > MAX_DEPTH) {
    throw new HarnessError(
      'HARNESS_SPEC_INVALID',
      `Request schema nests deeper than ${MAX_DEPTH} levels at ${toPointer(path)}; give the recursive schema an optional way out`,
    );
  }
  if (typeof schema.$ref === 'string') {
    throw new HarnessError(
      'HARNESS_SPEC_INVALID',
      `Request schema keeps the reference ${schema.$ref} at ${toPointer(path)}; dereference the spec before generating requests`,
    );
  }
}

function needsCheck(node: JsonSchema): boolean {
  return Object.keys(node).some(
    (key) => !HANDLED_KEYWORDS.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-'),
  );
}

function convertNode(
  node: JsonSchema,
  path: readonly string[],
  state: ConvertState,
): fc.Arbitrary<unknown> {
  if ('const' in node) {
    return fc.constant(node.const);
  }
  if (Array.isArray(node.enum)) {
    return enumArbitrary(node, path);
  }
  if (branchesOf(node, 'oneOf').length > 0) {
    return branchArbitrary(node, 'oneOf', path, state);
  }
  if (branchesOf(node, 'anyOf').length > 0) {
    return branchArbitrary(node, 'anyOf', path, state);
  }
  const types = declaredTypes(node) ?? impliedTypes(node);
  if (types === undefined) {
    return anyValueArbitrary();
  }
  if (types.length === 0) {
    throw unsatisfiable(path, 'its type keywords allow no JSON type');
  }
  const arbitraries = withoutCoveredInteger(types).map((type) =>
    typedArbitrary(node, type, path, state),
  );
  return arbitraries.length === 1
    ? (arbitraries[0] as fc.Arbitrary<unknown>)
    : fc.oneof(...arbitraries);
}

function enumArbitrary(node: JsonSchema, path: readonly string[]): fc.Arbitrary<unknown> {
  const types = declaredTypes(node);
  const values = (node.enum as unknown[]).filter(
    (value) => types === undefined || isTypeAllowed(value, types),
  );
  if (values.length === 0) {
    throw unsatisfiable(path, 'no enum value has an allowed type');
  }
  return fc.constantFrom(...values);
}

/**
 * Picks a branch, merges it with the keywords beside `oneOf`/`anyOf`, and builds values from the
 * merge. Properties that other branches require and this one does not are left out, so that a
 * branch of an exactly-one-selector `oneOf` does not pick up a second selector. For `oneOf`, a
 * value must then match exactly one branch.
 */
function branchArbitrary(
  node: JsonSchema,
  keyword: 'oneOf' | 'anyOf',
  path: readonly string[],
  state: ConvertState,
): fc.Arbitrary<unknown> {
  const parent = omitKeywords(node, [keyword]);
  const branches = branchesOf(node, keyword);
  const arbitraries = chosenBranches(branches, path, state).map((branch) => {
    const merged = mergeBranch(parent, branch, branches);
    const arbitrary = convert(merged, path, state, false);
    return keyword === 'oneOf'
      ? arbitrary.filter((value) => countMatches(branches, value) === 1)
      : arbitrary;
  });
  return arbitraries.length === 1
    ? (arbitraries[0] as fc.Arbitrary<unknown>)
    : fc.oneof(...arbitraries);
}

function chosenBranches(
  branches: readonly JsonSchema[],
  path: readonly string[],
  state: ConvertState,
): JsonSchema[] {
  const published = branches.filter((branch) => !isInferred(branch));
  const preferred = published.length > 0 ? published : [...branches];
  const compatible = preferred.filter((branch) =>
    droppedKeys(branch, branches).every((key) => !state.forcedPaths.has(toPointer([...path, key]))),
  );
  return compatible.length > 0 ? compatible : preferred;
}

function mergeBranch(
  parent: JsonSchema,
  branch: JsonSchema,
  branches: readonly JsonSchema[],
): JsonSchema {
  const own = flattenAllOf(omitKeywords(branch, ['x-provenance']));
  const merged = mergeSchemas(parent, own);
  const dropped = droppedKeys(branch, branches);
  if (dropped.length === 0) {
    return merged;
  }
  const properties = Object.fromEntries(
    Object.entries(propertySchemas(merged)).filter(([key]) => !dropped.includes(key)),
  );
  return { ...merged, properties };
}

function droppedKeys(branch: JsonSchema, branches: readonly JsonSchema[]): string[] {
  const own = requiredNames(flattenAllOf(branch));
  const others = branches
    .filter((other) => other !== branch)
    .flatMap((other) => requiredNames(flattenAllOf(other)));
  return [...new Set(others)].filter((key) => !own.includes(key));
}

function impliedTypes(node: JsonSchema): JsonType[] | undefined {
  const has = (...keys: string[]) => keys.some((key) => key in node);
  if (has('properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties')) {
    return ['object'];
  }
  if (has('items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems')) {
    return ['array'];
  }
  if (has('minLength', 'maxLength', 'pattern', 'format')) {
    return ['string'];
  }
  if (has('minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf')) {
    return ['number'];
  }
  return undefined;
}

function withoutCoveredInteger(types: readonly JsonType[]): JsonType[] {
  const unique = [...new Set(types)];
  return unique.includes('number') ? unique.filter((type) => type !== 'integer') : unique;
}

function typedArbitrary(
  node: JsonSchema,
  type: JsonType,
  path: readonly string[],
  state: ConvertState,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(node);
    case 'integer':
      return integerArbitrary(node);
    case 'number':
      return numberArbitrary(node);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'object':
      return objectArbitrary(node, path, state);
    case 'array':
      return arrayArbitrary(node, path, state);
  }
}

function objectArbitrary(
  node: JsonSchema,
  path: readonly string[],
  state: ConvertState,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = propertySchemas(node);
  const required = new Set(requiredNames(node));
  const isForced = (key: string) => state.forcedPaths.has(toPointer([...path, key]));
  const isGenerated = (key: string, schema: JsonSchema) =>
    required.has(key) || isForced(key) || (path.length < OPTIONAL_DEPTH && isOptionalSent(schema));
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, schema] of Object.entries(properties)) {
    if (isGenerated(key, schema)) {
      model[key] = convert(schema, [...path, key], state, true);
    }
  }
  for (const key of required) {
    model[key] ??= convert({}, [...path, key], state, true);
  }
  const requiredKeys = Object.keys(model).filter((key) => required.has(key) || isForced(key));
  return fc.record(model, { requiredKeys, noNullPrototype: true });
}

// An optional property that is only a guess could be refused by a target that never heard of
// it, and a valid case must not earn a refusal, so guessed properties stay out.
function isOptionalSent(schema: JsonSchema): boolean {
  return !isInferred(schema) && schema.readOnly !== true;
}

function arrayArbitrary(
  node: JsonSchema,
  path: readonly string[],
  state: ConvertState,
): fc.Arbitrary<unknown[]> {
  const minLength = numberKeyword(node, 'minItems') ?? 0;
  const extra = path.length < OPTIONAL_DEPTH ? EXTRA_ITEMS : 0;
  const maxLength = Math.min(numberKeyword(node, 'maxItems') ?? Infinity, minLength + extra);
  if (maxLength < minLength) {
    throw unsatisfiable(path, 'maxItems is below minItems');
  }
  const items = convert(asSchema(node.items ?? {}), [...path, '*'], state, true);
  if (node.uniqueItems === true) {
    const selector = (value: unknown) => JSON.stringify(value);
    return fc.uniqueArray(items, { minLength, maxLength, selector });
  }
  return fc.array(items, { minLength, maxLength });
}

function anyValueArbitrary(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.string({ maxLength: 12 }),
  );
}

function unsatisfiable(path: readonly string[], reason: string): HarnessError {
  return new HarnessError(
    'HARNESS_SPEC_INVALID',
    `Request schema at ${toPointer(path) || '/'} cannot be satisfied: ${reason}; fix the spec`,
  );
}
