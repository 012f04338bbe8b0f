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
  /** The response schema as the walk's first schema list, one array for the whole run. */
  rootSchemas: readonly unknown[];
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
    rootSchemas: [method.responseSchema],
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

function recordExchange(
  state: MethodState,
  cache: CandidateCache,
  method: MethodEntry,
  exchange: Exchange,
): void {
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
    walkValue({ state, cache, tokens: [] }, state.rootSchemas, body, 0);
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
  const cache: CandidateCache = new WeakMap();
  return {
    observe(method, exchange) {
      let state = states.get(method.name);
      if (!state) {
        state = createState(method);
        states.set(method.name, state);
      }
      recordExchange(state, cache, method, exchange);
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
function candidatesFor(schemas: readonly unknown[], value: unknown): Array<JsonObject | true> {
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

/** Maximum number of member names or item positions whose schemas one candidate list keeps. */
const MAX_CACHED_CHILDREN = 256;

/**
 * What the walk knows about one list of schemas for values of one JSON type: the candidates,
 * whether it stops there, and the schema lists of the children it has met. A schema list of a
 * child is kept, so the same list comes back for the same child and the next level's lookup finds
 * its own entry again: a run walks the same shapes over and over.
 */
interface Candidates {
  list: Array<JsonObject | true>;
  /** The walk reports nothing below: no candidate, or one that admits anything there. */
  stops: boolean;
  children: Map<string | number, readonly unknown[]>;
}

/** Candidates per schema list and JSON type, for the schema lists the walk itself builds. */
type CandidateCache = WeakMap<readonly unknown[], Map<string, Candidates>>;

function lookupCandidates(
  cache: CandidateCache,
  schemas: readonly unknown[],
  value: unknown,
): Candidates {
  let byType = cache.get(schemas);
  if (byType === undefined) {
    byType = new Map();
    cache.set(schemas, byType);
  }
  const type = jsonTypeOf(value);
  let entry = byType.get(type);
  if (entry === undefined) {
    const list = candidatesFor(schemas, value);
    const stops =
      list.length === 0 || (type === 'array' ? list.includes(true) : list.some(isFreeForm));
    entry = { list, stops, children: new Map() };
    byType.set(type, entry);
  }
  return entry;
}

/** Returns the child's schema list from the entry, computing it on first use. */
function childSchemas(
  entry: Candidates,
  key: string | number,
  compute: () => unknown[],
): readonly unknown[] {
  const cached = entry.children.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const schemas = compute();
  // An object used as a map has a new key in every response; past the cap its lists are
  // computed each time rather than kept, so memory stays bounded.
  if (entry.children.size < MAX_CACHED_CHILDREN) {
    entry.children.set(key, schemas);
  }
  return schemas;
}

interface Walk {
  state: MethodState;
  cache: CandidateCache;
  /**
   * Escaped tokens of the pointer of the value being walked, with `*` for an array item. A
   * pointer is only spelled out for an unknown field, which a conforming body never has.
   */
  tokens: string[];
}

function walkValue(walk: Walk, schemas: readonly unknown[], value: unknown, depth: number): void {
  if (depth > MAX_WALK_DEPTH || walk.state.fields.size >= MAX_OBSERVATIONS_PER_METHOD) {
    return;
  }
  if (Array.isArray(value)) {
    walkArray(walk, lookupCandidates(walk.cache, schemas, value), value, depth);
  } else if (isJsonObject(value)) {
    walkObject(walk, lookupCandidates(walk.cache, schemas, value), value, depth);
  }
}

/** Walks into a child, unless it is a scalar, below which nothing is reported. */
function walkChild(
  walk: Walk,
  schemas: readonly unknown[],
  value: unknown,
  token: string,
  depth: number,
): void {
  if (typeof value !== 'object' || value === null) {
    return;
  }
  walk.tokens.push(token);
  walkValue(walk, schemas, value, depth);
  walk.tokens.pop();
}

function walkArray(walk: Walk, candidates: Candidates, value: unknown[], depth: number): void {
  if (candidates.stops) {
    return;
  }
  const schemas = candidates.list as JsonObject[];
  const prefixLength = Math.max(
    0,
    ...schemas.map((schema) => (Array.isArray(schema.prefixItems) ? schema.prefixItems.length : 0)),
  );
  value.forEach((item, index) => {
    // Past every prefixItems list, each position has the same schemas, so they share one entry.
    const key = Math.min(index, prefixLength);
    const itemSchemas = childSchemas(candidates, key, () => itemSchemasAt(schemas, index));
    if (itemSchemas.length > 0) {
      walkChild(walk, itemSchemas, item, '*', depth + 1);
    }
  });
}

function itemSchemasAt(candidates: JsonObject[], index: number): unknown[] {
  return candidates.flatMap((schema) => {
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems[index] : undefined;
    if (prefix !== undefined) {
      return [prefix];
    }
    return schema.items === undefined ? [] : [schema.items];
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

function walkObject(walk: Walk, candidates: Candidates, value: JsonObject, depth: number): void {
  if (candidates.stops) {
    return;
  }
  const schemas = candidates.list as JsonObject[];
  for (const key of Object.keys(value)) {
    const forKey = childSchemas(candidates, key, () => schemasForKey(schemas, key));
    if (forKey.length === 0) {
      addCapped(walk.state.fields, [...walk.tokens, escapeToken(key)].map(prefixSlash).join(''));
    } else {
      walkChild(walk, forKey, value[key], escapeToken(key), depth + 1);
    }
  }
}

function prefixSlash(token: string): string {
  return `/${token}`;
}

function escapeToken(key: string): string {
  return key.includes('~') || key.includes('/') ? escapePointerToken(key) : key;
}
