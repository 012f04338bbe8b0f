import type { Exchange } from '../http/types.js';
import type { WireObservation } from '../run/results.js';
import type { MethodEntry } from '../spec/types.js';
import { escapePointerToken, isJsonObject, type JsonObject } from './schema-normalize.js';

/**
 * Most distinct entries kept per method in each list of an observation. Later ones are dropped,
 * so a target that sends a new field name in every response cannot grow memory without bound.
 */
export const MAX_OBSERVATIONS_PER_METHOD = 100;

/** Maximum nesting depth of a response body that the walk visits; deeper levels are skipped. */
const MAX_WALK_DEPTH = 64;

/** Maximum length of a recorded variant name; a longer string body is cut to this length. */
const MAX_VARIANT_LENGTH = 100;

/** Collects what responses show that the spec does not describe, per method. */
export interface WireObserver {
  /** Records one exchange; cheap enough to call for every exchange of a run. */
  observe(method: MethodEntry, exchange: Exchange): void;
  /** The observations so far, one per method that showed anything, sorted by method. */
  snapshot(): WireObservation[];
}

interface MethodState {
  documentedStatuses: Set<number>;
  variantNames: Set<string>;
  fields: Set<string>;
  statuses: Set<number>;
  variants: Set<string>;
  strayExtensionMarker: boolean;
}

function addCapped<T>(set: Set<T>, value: T): void {
  if (set.size < MAX_OBSERVATIONS_PER_METHOD) {
    set.add(value);
  }
}

function createState(method: MethodEntry): MethodState {
  return {
    documentedStatuses: new Set([200, ...method.variants.map((variant) => variant.status)]),
    variantNames: new Set(method.variants.map((variant) => variant.name)),
    fields: new Set(),
    statuses: new Set(),
    variants: new Set(),
    strayExtensionMarker: false,
  };
}

/** Returns the variant an error body names: the bare string, or the `type` of a tagged object. */
function variantOf(body: unknown): string | undefined {
  if (typeof body === 'string') {
    return body.slice(0, MAX_VARIANT_LENGTH);
  }
  if (isJsonObject(body) && typeof body.type === 'string') {
    return body.type.slice(0, MAX_VARIANT_LENGTH);
  }
  return undefined;
}

function recordExchange(state: MethodState, method: MethodEntry, exchange: Exchange): void {
  const response = exchange.response;
  if (!response) {
    return;
  }
  if (!state.documentedStatuses.has(response.status)) {
    addCapped(state.statuses, response.status);
  }
  const body = response.json;
  if (body === undefined) {
    return;
  }
  if (!method.extension && isJsonObject(body) && Object.hasOwn(body, 'x_extension')) {
    state.strayExtensionMarker = true;
  }
  if (response.status === 200) {
    walkValue(state, [method.responseSchema], body, '', 0);
    return;
  }
  const variant = response.status >= 300 ? variantOf(body) : undefined;
  if (variant !== undefined && !state.variantNames.has(variant)) {
    addCapped(state.variants, variant);
  }
}

/**
 * Creates an observer of wire drift: response fields the spec does not know (in 200 bodies),
 * statuses outside 200 and the method's error union, error variants outside the union, and
 * `x_extension` on a wire method. It records these whether or not the exchange passed its checks,
 * because open objects make unknown fields legal but drift still wants to see them.
 */
export function createWireObserver(): WireObserver {
  const states = new Map<string, MethodState>();
  return {
    observe(method, exchange) {
      let state = states.get(method.name);
      if (!state) {
        state = createState(method);
        states.set(method.name, state);
      }
      recordExchange(state, method, exchange);
    },
    snapshot() {
      return [...states.entries()]
        .map(([name, state]) => toObservation(name, state))
        .filter(hasAnything)
        .sort((first, second) => first.method.localeCompare(second.method));
    },
  };
}

function toObservation(method: string, state: MethodState): WireObservation {
  return {
    method,
    undocumentedFields: [...state.fields].sort(),
    undocumentedStatuses: [...state.statuses].sort((first, second) => first - second),
    undocumentedVariants: [...state.variants].sort(),
    strayExtensionMarker: state.strayExtensionMarker,
  };
}

/** True when an observation records any drift at all. */
export function hasAnything(observation: WireObservation): boolean {
  return (
    observation.undocumentedFields.length > 0 ||
    observation.undocumentedStatuses.length > 0 ||
    observation.undocumentedVariants.length > 0 ||
    observation.strayExtensionMarker
  );
}

function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

/** True when a schema's `type` (if any) admits the value. */
function admits(schema: JsonObject, value: unknown): boolean {
  const declared = schema.type;
  if (declared === undefined) {
    return true;
  }
  const types = Array.isArray(declared) ? declared : [declared];
  const actual = jsonTypeOf(value);
  return types.includes(actual) || (actual === 'number' && types.includes('integer'));
}

/**
 * Lists the schemas that may describe `value`: each schema with its `oneOf`, `anyOf` and `allOf`
 * members flattened, keeping only those whose `type` admits the value. `true`, or a `$ref` left
 * unresolved, stands for "anything", which the walk never reports on.
 */
function candidatesFor(schemas: unknown[], value: unknown): Array<JsonObject | true> {
  const result: Array<JsonObject | true> = [];
  const seen = new Set<unknown>();
  const visit = (schema: unknown): void => {
    if (seen.has(schema)) {
      return;
    }
    seen.add(schema);
    if (schema === true || (isJsonObject(schema) && typeof schema.$ref === 'string')) {
      result.push(true);
      return;
    }
    if (!isJsonObject(schema) || !admits(schema, value)) {
      return;
    }
    result.push(schema);
    for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
      const members = schema[keyword];
      if (Array.isArray(members)) {
        members.forEach(visit);
      }
    }
  };
  schemas.forEach(visit);
  return result;
}

/** Tells whether a schema leaves an object's keys open on purpose, by naming no property at all. */
function isFreeForm(schema: JsonObject | true): boolean {
  if (schema === true) {
    return true;
  }
  const additional = schema.additionalProperties;
  const declaresKeys =
    isJsonObject(schema.properties) ||
    isJsonObject(schema.patternProperties) ||
    additional === false ||
    isJsonObject(additional);
  const combines = ['oneOf', 'anyOf', 'allOf'].some((keyword) => Array.isArray(schema[keyword]));
  return !declaresKeys && !combines;
}

function walkValue(
  state: MethodState,
  schemas: unknown[],
  value: unknown,
  pointer: string,
  depth: number,
): void {
  if (depth > MAX_WALK_DEPTH || state.fields.size >= MAX_OBSERVATIONS_PER_METHOD) {
    return;
  }
  if (Array.isArray(value)) {
    walkArray(state, candidatesFor(schemas, value), value, pointer, depth);
  } else if (isJsonObject(value)) {
    walkObject(state, candidatesFor(schemas, value), value, pointer, depth);
  }
}

function walkArray(
  state: MethodState,
  candidates: Array<JsonObject | true>,
  value: unknown[],
  pointer: string,
  depth: number,
): void {
  if (candidates.length === 0 || candidates.includes(true)) {
    return;
  }
  value.forEach((item, index) => {
    const itemSchemas = (candidates as JsonObject[]).flatMap((schema) => {
      const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems[index] : undefined;
      if (prefix !== undefined) {
        return [prefix];
      }
      return schema.items === undefined ? [] : [schema.items];
    });
    if (itemSchemas.length > 0) {
      walkValue(state, itemSchemas, item, `${pointer}/*`, depth + 1);
    }
  });
}

function schemasForKey(candidates: JsonObject[], key: string): unknown[] {
  return candidates.flatMap((schema) => {
    const properties = schema.properties;
    if (isJsonObject(properties) && Object.hasOwn(properties, key)) {
      return [properties[key]];
    }
    const patterns = isJsonObject(schema.patternProperties) ? schema.patternProperties : {};
    const matching = Object.keys(patterns).filter((pattern) => matchesPattern(pattern, key));
    if (matching.length > 0) {
      return matching.map((pattern) => patterns[pattern]);
    }
    return isJsonObject(schema.additionalProperties) ? [schema.additionalProperties] : [];
  });
}

function matchesPattern(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    return false;
  }
}

function walkObject(
  state: MethodState,
  candidates: Array<JsonObject | true>,
  value: JsonObject,
  pointer: string,
  depth: number,
): void {
  if (candidates.length === 0 || candidates.some(isFreeForm)) {
    return;
  }
  const schemas = candidates as JsonObject[];
  for (const [key, child] of Object.entries(value)) {
    const childPointer = `${pointer}/${escapePointerToken(key)}`;
    const childSchemas = schemasForKey(schemas, key);
    if (childSchemas.length === 0) {
      addCapped(state.fields, childPointer);
    } else {
      walkValue(state, childSchemas, child, childPointer, depth + 1);
    }
  }
}
