import { type PathSegment, removeAt, replaceAt, toPointer } from './json-pointer.js';
import { matchesSchema } from './local-validator.js';
import { numberKeyword } from './scalar-arbitraries.js';
import {
  asSchema,
  branchesOf,
  declaredTypes,
  flattenAllOf,
  isTypeAllowed,
  type JsonType,
  mergeSchemas,
  omitKeywords,
  propertySchemas,
  requiredNames,
} from './schema-node.js';
import type { JsonSchema, MutationClass, RawBody } from './types.js';

/** One way to break a valid body, applied on demand. */
export interface Mutation {
  mutation: MutationClass;
  /** The Ajv keyword the broken body fails, or `` for malformed JSON. */
  keyword: string;
  /** JSON pointer of the value the keyword applies to. */
  pointer: string;
  description: string;
  /** Builds the broken body from a deep copy; the valid body is left as it was. */
  apply(): unknown | RawBody;
}

/** Draws one value valid against a schema, for a mutation that must add a value. */
export type DrawValue = (schema: JsonSchema) => unknown;

/** Values that stand in for a value of the wrong JSON type, one per type. */
const WRONG_TYPE_VALUES: readonly unknown[] = [42, 'text', true, null, [], {}];

/** Bodies that are JSON but not an object. */
const NON_OBJECT_BODIES: readonly unknown[] = [[], 'text', 42, null];

const NOT_UUIDS = [
  'not-a-uuid',
  '0e000000-0000-4000-8000-00000000000',
  '0e000000000040008000000000000004',
];

// `2026-02-30` needs ajv-formats' full mode, which is its default.
const NOT_DATE_TIMES = ['not-a-date', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01'];

/** Classes whose mutations replace the whole body, so no walk through the body finds them. */
const WHOLE_BODY_CLASSES: ReadonlySet<MutationClass> = new Set([
  'non-object-body',
  'malformed-json',
]);

/**
 * Lists every mutation that applies to a valid body of a schema: each breaks one keyword at one
 * JSON pointer, except `non-object-body` and `malformed-json`, which replace the whole body. With
 * `only`, lists the mutations of that class alone, in the order the whole list has them.
 */
export function listMutations(
  body: unknown,
  schema: unknown,
  draw: DrawValue,
  only?: MutationClass,
): Mutation[] {
  const found: Mutation[] = [];
  const wants = (name: MutationClass): boolean => only === undefined || only === name;
  if (only === undefined || !WHOLE_BODY_CLASSES.has(only)) {
    walk(body, asSchema(schema), [], { body, draw, found, wants });
  }
  found.push(...wholeBodyMutations(body, asSchema(schema), wants));
  return found;
}

interface WalkState {
  body: unknown;
  draw: DrawValue;
  found: Mutation[];
  /** Tells whether the caller wants the mutations of a class. */
  wants: (name: MutationClass) => boolean;
}

function walk(value: unknown, schema: JsonSchema, path: PathSegment[], state: WalkState): void {
  const node = flattenAllOf(schema);
  const allowed = allowedTypes(node);
  if (path.length > 0 && allowed !== undefined && state.wants('wrong-type')) {
    state.found.push(...wrongTypeMutations(path, allowed, state));
  }
  if (state.wants('identity-both') || state.wants('identity-neither')) {
    const selectors = selectorMutations(value, node, path, state);
    state.found.push(...selectors.filter((mutation) => state.wants(mutation.mutation)));
  }
  const effective = effectiveNode(node, value);
  state.found.push(...valueMutations(value, effective, path, state));
  if (Array.isArray(value)) {
    const items = asSchema(effective.items ?? {});
    for (const [index, item] of value.entries()) {
      walk(item, items, [...path, index], state);
    }
  } else if (isObject(value)) {
    const properties = propertySchemas(effective);
    for (const [key, item] of Object.entries(value)) {
      const property = properties[key];
      if (property !== undefined) {
        walk(item, property, [...path, key], state);
      }
    }
  }
}

/** Returns the JSON types a node admits across its `oneOf`/`anyOf` branches, or undefined for any. */
function allowedTypes(node: JsonSchema): JsonType[] | undefined {
  let allowed = declaredTypes(node);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = branchesOf(node, keyword);
    if (branches.length === 0) {
      continue;
    }
    const branchTypes = branches.map((branch) => allowedTypes(flattenAllOf(branch)));
    if (branchTypes.some((types) => types === undefined)) {
      continue;
    }
    const union = [...new Set(branchTypes.flatMap((types) => types ?? []))];
    allowed = allowed === undefined ? union : allowed.filter((type) => union.includes(type));
  }
  return allowed;
}

/** Merges into a node the `oneOf`/`anyOf` branch the valid value matches, so its keywords count. */
function effectiveNode(node: JsonSchema, value: unknown): JsonSchema {
  let current = node;
  for (let depth = 0; depth < 4; depth += 1) {
    const keyword = branchesOf(current, 'oneOf').length > 0 ? 'oneOf' : 'anyOf';
    const branches = branchesOf(current, keyword);
    const matched = branches.find((branch) => matchesSchema(branch, value));
    if (matched === undefined) {
      return current;
    }
    const own = flattenAllOf(omitKeywords(matched, ['x-provenance']));
    current = mergeSchemas(omitKeywords(current, [keyword]), own);
  }
  return current;
}

function wrongTypeMutations(
  path: PathSegment[],
  allowed: readonly JsonType[],
  state: WalkState,
): Mutation[] {
  const pointer = toPointer(path);
  return WRONG_TYPE_VALUES.filter((replacement) => !isTypeAllowed(replacement, allowed)).map(
    (replacement) => ({
      mutation: 'wrong-type',
      keyword: 'type',
      pointer,
      description: `replaced ${pointer} with ${describeValue(replacement)}, but the schema allows ${allowed.join(' or ')}`,
      apply: () => replaceAt(state.body, path, structuredClone(replacement)),
    }),
  );
}

/**
 * Both and neither of the selectors of a `oneOf` whose branches each require their own keys,
 * such as a job identity's `id` and `external` or the two selectors of `invoices.list`.
 */
function selectorMutations(
  value: unknown,
  node: JsonSchema,
  path: PathSegment[],
  state: WalkState,
): Mutation[] {
  const branches = branchesOf(node, 'oneOf').map(flattenAllOf);
  const selectors = branches.map(requiredNames);
  if (!isObject(value) || branches.length < 2 || selectors.some((keys) => keys.length === 0)) {
    return [];
  }

  const parent = omitKeywords(node, ['oneOf']);
  const matched = branches.findIndex((branch) => matchesSchema(branch, value));
  const both = branches.flatMap((branch, index) => {
    const missing = (selectors[index] ?? []).filter((key) => !(key in value));
    if (index === matched || missing.length === 0) {
      return [];
    }
    const properties = propertySchemas(mergeSchemas(parent, branch));
    return [bothMutation(value, missing, properties, path, state)];
  });

  const allKeys = [...new Set(selectors.flat())];
  const kept = Object.fromEntries(Object.entries(value).filter(([key]) => !allKeys.includes(key)));
  const neither: Mutation = {
    mutation: 'identity-neither',
    keyword: 'oneOf',
    pointer: toPointer(path),
    description: `removed every selector (${allKeys.join(', ')}) from ${toPointer(path) || 'the body'}`,
    apply: () => replaceAt(state.body, path, structuredClone(kept)),
  };
  return [...both, neither];
}

function bothMutation(
  value: Record<string, unknown>,
  missing: readonly string[],
  properties: Record<string, JsonSchema>,
  path: PathSegment[],
  state: WalkState,
): Mutation {
  const pointer = toPointer(path);
  const present = Object.keys(value).join(', ');
  return {
    mutation: 'identity-both',
    keyword: 'oneOf',
    pointer,
    description: `added ${missing.join(', ')} beside ${present} at ${pointer || 'the body'}, but exactly one selector is allowed`,
    apply: () => {
      const additions = missing.map((key) => [key, state.draw(properties[key] ?? {})]);
      return replaceAt(state.body, path, { ...value, ...Object.fromEntries(additions) });
    },
  };
}

function valueMutations(
  value: unknown,
  node: JsonSchema,
  path: PathSegment[],
  state: WalkState,
): Mutation[] {
  const { wants } = state;
  const mutations: Mutation[] = [];
  if (wants('enum-violated')) mutations.push(...enumMutations(node, path, state));
  if (wants('const-violated')) mutations.push(...constMutations(node, path, state));
  if (typeof value === 'string') {
    if (wants('format-uuid') || wants('format-date-time')) {
      const formats = formatMutations(node, path, state);
      mutations.push(...formats.filter((mutation) => wants(mutation.mutation)));
    }
    if (wants('string-too-short')) mutations.push(...lengthMutations(value, node, path, state));
  } else if (typeof value === 'number') {
    if (wants('number-out-of-range')) mutations.push(...rangeMutations(node, path, state));
  } else if (Array.isArray(value)) {
    if (wants('array-too-short') || wants('array-too-long')) {
      const counts = itemCountMutations(value, node, path, state);
      mutations.push(...counts.filter((mutation) => wants(mutation.mutation)));
    }
  } else if (isObject(value)) {
    if (wants('required-removed')) mutations.push(...requiredMutations(value, node, path, state));
  }
  return mutations;
}

function enumMutations(node: JsonSchema, path: PathSegment[], state: WalkState): Mutation[] {
  if (!Array.isArray(node.enum) || node.enum.length === 0) {
    return [];
  }
  const members = node.enum.map((member) => JSON.stringify(member));
  const replacement = outsideOf(node.enum, members);
  const pointer = toPointer(path);
  return [
    {
      mutation: 'enum-violated',
      keyword: 'enum',
      pointer,
      description: `replaced ${pointer} with ${JSON.stringify(replacement)}, which is not in its enum`,
      apply: () => replaceAt(state.body, path, replacement),
    },
  ];
}

// A value of the same type as the first member, so the break is the enum and not the type.
function outsideOf(members: readonly unknown[], serialized: readonly string[]): unknown {
  const [first] = members;
  for (let attempt = 1; attempt < 100; attempt += 1) {
    const candidate =
      typeof first === 'number'
        ? Math.max(...members.filter(isNumber)) + attempt
        : `${String(first)}_unknown_${attempt}`;
    if (!serialized.includes(JSON.stringify(candidate))) {
      return candidate;
    }
  }
  return { unknown: true };
}

function constMutations(node: JsonSchema, path: PathSegment[], state: WalkState): Mutation[] {
  if (!('const' in node)) {
    return [];
  }
  const replacement = otherThan(node.const);
  const pointer = toPointer(path);
  return [
    {
      mutation: 'const-violated',
      keyword: 'const',
      pointer,
      description: `replaced ${pointer} with ${JSON.stringify(replacement)} instead of its const`,
      apply: () => replaceAt(state.body, path, replacement),
    },
  ];
}

function otherThan(value: unknown): unknown {
  if (typeof value === 'boolean') {
    return !value;
  }
  if (typeof value === 'number') {
    return value + 1;
  }
  if (typeof value === 'string') {
    return `${value}_other`;
  }
  return value === null ? 'null' : null;
}

function formatMutations(node: JsonSchema, path: PathSegment[], state: WalkState): Mutation[] {
  const pointer = toPointer(path);
  const build = (mutation: MutationClass, replacements: readonly string[], name: string) =>
    replacements.map(
      (replacement): Mutation => ({
        mutation,
        keyword: 'format',
        pointer,
        description: `replaced ${pointer} with ${JSON.stringify(replacement)}, which is not a ${name}`,
        apply: () => replaceAt(state.body, path, replacement),
      }),
    );
  if (node.format === 'uuid') {
    return build('format-uuid', NOT_UUIDS, 'uuid');
  }
  if (node.format === 'date-time') {
    return build('format-date-time', NOT_DATE_TIMES, 'date-time');
  }
  return [];
}

function lengthMutations(
  value: string,
  node: JsonSchema,
  path: PathSegment[],
  state: WalkState,
): Mutation[] {
  const minLength = numberKeyword(node, 'minLength') ?? 0;
  if (minLength < 1) {
    return [];
  }
  // Ajv counts code points, as `Array.from` does.
  const shorter = Array.from(value)
    .slice(0, minLength - 1)
    .join('');
  const pointer = toPointer(path);
  return [
    {
      mutation: 'string-too-short',
      keyword: 'minLength',
      pointer,
      description: `shortened ${pointer} to ${minLength - 1} characters, below minLength ${minLength}`,
      apply: () => replaceAt(state.body, path, shorter),
    },
  ];
}

function rangeMutations(node: JsonSchema, path: PathSegment[], state: WalkState): Mutation[] {
  const pointer = toPointer(path);
  const outside: [string, number, number][] = [];
  const add = (keyword: string, bound: number | undefined, values: (bound: number) => number[]) => {
    if (bound !== undefined) {
      for (const value of values(bound)) {
        outside.push([keyword, bound, value]);
      }
    }
  };
  add('minimum', numberKeyword(node, 'minimum'), (bound) => [bound - 1]);
  add('exclusiveMinimum', numberKeyword(node, 'exclusiveMinimum'), (bound) => [bound, bound - 1]);
  add('maximum', numberKeyword(node, 'maximum'), (bound) => [bound + 1]);
  add('exclusiveMaximum', numberKeyword(node, 'exclusiveMaximum'), (bound) => [bound, bound + 1]);
  return outside.map(([keyword, bound, replacement]) => ({
    mutation: 'number-out-of-range',
    keyword,
    pointer,
    description: `set ${pointer} to ${replacement}, outside ${keyword} ${bound}`,
    apply: () => replaceAt(state.body, path, replacement),
  }));
}

function itemCountMutations(
  value: readonly unknown[],
  node: JsonSchema,
  path: PathSegment[],
  state: WalkState,
): Mutation[] {
  const pointer = toPointer(path);
  const mutations: Mutation[] = [];
  const minItems = numberKeyword(node, 'minItems') ?? 0;
  const maxItems = numberKeyword(node, 'maxItems');
  if (minItems >= 1) {
    mutations.push({
      mutation: 'array-too-short',
      keyword: 'minItems',
      pointer,
      description: `sent ${minItems - 1} items at ${pointer}, below minItems ${minItems}`,
      apply: () => replaceAt(state.body, path, structuredClone(value.slice(0, minItems - 1))),
    });
  }
  if (maxItems !== undefined) {
    mutations.push({
      mutation: 'array-too-long',
      keyword: 'maxItems',
      pointer,
      description: `sent ${maxItems + 1} items at ${pointer}, above maxItems ${maxItems}`,
      apply: () => replaceAt(state.body, path, longerArray(value, maxItems + 1, node, state)),
    });
  }
  return mutations;
}

// Repeats the valid items, so the only break is the count (uniqueItems aside).
function longerArray(
  value: readonly unknown[],
  length: number,
  node: JsonSchema,
  state: WalkState,
): unknown[] {
  const items = value.length > 0 ? value : [state.draw(asSchema(node.items ?? {}))];
  return Array.from({ length }, (_, index) => structuredClone(items[index % items.length]));
}

function requiredMutations(
  value: Record<string, unknown>,
  node: JsonSchema,
  path: PathSegment[],
  state: WalkState,
): Mutation[] {
  const pointer = toPointer(path);
  return requiredNames(node)
    .filter((key) => key in value)
    .map((key) => ({
      mutation: 'required-removed',
      keyword: 'required',
      pointer,
      description: `removed the required property ${key} from ${pointer || 'the body'}`,
      apply: () => removeAt(state.body, [...path, key]),
    }));
}

function wholeBodyMutations(
  body: unknown,
  schema: JsonSchema,
  wants: (name: MutationClass) => boolean,
): Mutation[] {
  if (!wants('non-object-body') && !wants('malformed-json')) {
    return [];
  }
  const allowed = allowedTypes(flattenAllOf(schema));
  const nonObjects = NON_OBJECT_BODIES.filter(
    (replacement) =>
      wants('non-object-body') && (allowed === undefined || !isTypeAllowed(replacement, allowed)),
  );
  const malformed = wants('malformed-json') ? malformedJson(body) : [];
  const typed: Mutation[] = nonObjects.map((replacement) => ({
    mutation: 'non-object-body',
    keyword: 'type',
    pointer: '',
    description: `sent ${describeValue(replacement)} as the body`,
    apply: () => structuredClone(replacement),
  }));
  return allowed?.includes('object') ? [...typed, ...malformed] : malformed;
}

function malformedJson(body: unknown): Mutation[] {
  const text = JSON.stringify(body);
  const firstKey = isObject(body) ? Object.keys(body)[0] : undefined;
  // Some texts are never JSON, so they skip the (slow, throwing) parse: an object's text cut
  // before its closing brace or given a comma before it, a `{` followed by a single quote, and a
  // `{` followed by a name that does not start with a double quote (after JSON whitespace).
  const object = isObject(body);
  const name = firstKey ?? 'body';
  const variants: [string, string, boolean][] = [
    ['truncated JSON', text.slice(0, -1), object],
    ['a trailing comma', `${text.slice(0, -1)},}`, object],
    ['an unquoted property name', `{${name}: 1}`, !/^[ \t\n\r]*"/.test(name)],
    ['single-quoted strings', `{'${name}': 'value'}`, true],
  ];
  return variants
    .filter(([, raw, neverJson]) => neverJson || !isJson(raw))
    .map(([name, raw]) => ({
      mutation: 'malformed-json',
      keyword: '',
      pointer: '',
      description: `sent ${name} as the body`,
      apply: () => ({ raw }),
    }));
}

function isJson(text: string): boolean {
  // The stack trace of the SyntaxError is never read, and capturing it is most of the cost.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (value === null) {
    return 'null';
  }
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${JSON.stringify(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}
