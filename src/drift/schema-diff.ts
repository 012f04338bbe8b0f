import { type BranchPair, compareBranches } from './schema-branches.js';
import {
  canonicalJson,
  describeSchema,
  fingerprintSchema,
  printOther,
} from './schema-fingerprint.js';
import {
  effectiveTypes,
  escapePointerToken,
  LOWER_BOUNDS,
  type NormalizedSchema,
  normalizeSchema,
  UPPER_BOUNDS,
} from './schema-normalize.js';
import type { DifferenceClass, DifferenceSide, SpecDifference } from './types.js';

/**
 * Effect of a change on the set of accepted instances. On the request side a narrower schema
 * rejects what clients send (breaking) and a wider one accepts more (additive). On the response
 * side it is the other way round: a wider schema lets the server send what clients do not expect.
 */
export type Effect = 'narrows' | 'widens' | 'changes' | DifferenceClass;

/** Position of a node: a JSON pointer into each document. */
export interface Location {
  pinned: string;
  live: string;
}

/** State of one comparison of two schemas of one method. */
export interface SchemaComparison {
  method: string;
  side: Exclude<DifferenceSide, 'method'>;
  pinnedRoot: unknown;
  liveRoot: unknown;
  differences: SpecDifference[];
  /**
   * Pairs of pinned and live nodes being compared further up the current path, so that
   * recursive schemas end. A shared component used in two places is compared in both.
   */
  inProgress: Map<object, Set<object>>;
}

/** Creates the state for comparing the schemas of one method on one side. */
export function startComparison(
  method: string,
  side: SchemaComparison['side'],
  pinnedRoot: unknown,
  liveRoot: unknown,
  differences: SpecDifference[],
): SchemaComparison {
  return { method, side, pinnedRoot, liveRoot, differences, inProgress: new Map() };
}

/** Classifies a change by its effect and the side of the exchange it sits on. */
export function classify(side: SchemaComparison['side'], effect: Effect): DifferenceClass {
  if (effect === 'additive' || effect === 'breaking') {
    return effect;
  }
  if (effect === 'changes') {
    return 'breaking';
  }
  const clientSends = side === 'request';
  return (effect === 'narrows') === clientSends ? 'breaking' : 'additive';
}

/** Records one difference found by a comparison. */
export function report(
  comparison: SchemaComparison,
  effect: Effect,
  change: string,
  pointer: string,
  message: string,
  values: { pinned?: unknown; live?: unknown } = {},
): void {
  comparison.differences.push({
    kind: classify(comparison.side, effect),
    change,
    method: comparison.method,
    side: comparison.side,
    pointer,
    message,
    ...values,
  });
}

export function childLocation(location: Location, ...tokens: string[]): Location {
  const suffix = tokens.map((token) => `/${escapePointerToken(token)}`).join('');
  return { pinned: location.pinned + suffix, live: location.live + suffix };
}

/** Marks a pair as being compared; returns false when it already is, further up the path. */
function enter(comparison: SchemaComparison, pinned: object, live: object): boolean {
  let partners = comparison.inProgress.get(pinned);
  if (!partners) {
    partners = new Set();
    comparison.inProgress.set(pinned, partners);
  }
  if (partners.has(live)) {
    return false;
  }
  partners.add(live);
  return true;
}

function leave(comparison: SchemaComparison, pinned: object, live: object): void {
  comparison.inProgress.get(pinned)?.delete(live);
}

/**
 * Compares two schema nodes and every node below them, recording each difference. With
 * `skipNullable` the nodes' nullability is left out, because their parents already compared it.
 */
export function compareSchemas(
  comparison: SchemaComparison,
  pinnedRaw: unknown,
  liveRaw: unknown,
  location: Location,
  options: { skipNullable?: boolean } = {},
): void {
  const pinnedPrint = fingerprintSchema(comparison.pinnedRoot, pinnedRaw);
  if (pinnedPrint === fingerprintSchema(comparison.liveRoot, liveRaw)) {
    return;
  }
  const pinned = normalizeSchema(comparison.pinnedRoot, pinnedRaw);
  const live = normalizeSchema(comparison.liveRoot, liveRaw);
  if (!enter(comparison, pinned.node, live.node)) {
    return;
  }
  try {
    compareNodes(comparison, { pinned, pinnedRaw, live, liveRaw }, location, options);
  } finally {
    leave(comparison, pinned.node, live.node);
  }
}

function compareNodes(
  comparison: SchemaComparison,
  pair: BranchPair,
  location: Location,
  options: { skipNullable?: boolean },
): void {
  const { pinned, live } = pair;
  if (!options.skipNullable) {
    compareNullable(comparison, pinned, live, location);
  }
  const hasBranches = pinned.branches !== undefined || live.branches !== undefined;
  if (hasBranches) {
    compareBranches(comparison, pair, location);
  }
  if (hasBranches && (pinned.branches === undefined || live.branches === undefined)) {
    // One side spells the alternatives and the other a single shape: the branch comparison
    // has already paired that shape with its counterpart.
    return;
  }
  const overlapping = hasBranches || compareTypes(comparison, pinned, live, location);
  compareFormat(comparison, pinned, live, location);
  compareEnum(comparison, pinned, live, location);
  compareBounds(comparison, pinned, live, location);
  if (!overlapping) {
    return;
  }
  compareProperties(comparison, pinned, live, location);
  compareAdditionalProperties(comparison, pinned, live, location);
  compareItems(comparison, pinned, live, location);
  compareOther(comparison, pinned, live, location);
}

function compareNullable(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): void {
  if (pinned.nullable === live.nullable) {
    return;
  }
  const [effect, change, verb] = live.nullable
    ? (['widens', 'nullable-added', 'now accepts'] as const)
    : (['narrows', 'nullable-removed', 'no longer accepts'] as const);
  report(comparison, effect, change, location.pinned, `${comparison.side} value ${verb} null`, {
    pinned: pinned.nullable,
    live: live.nullable,
  });
}

/** True when every type in `inner` is also in `outer` (`integer` counts as a `number`). */
function coversTypes(outer: string[] | undefined, inner: string[] | undefined): boolean {
  if (outer === undefined) {
    return true;
  }
  if (inner === undefined) {
    return false;
  }
  return inner.every(
    (type) => outer.includes(type) || (type === 'integer' && outer.includes('number')),
  );
}

function sharesType(first: string[], second: string[]): boolean {
  return first.some((type) => coversTypes(second, [type]) || coversTypes([type], second));
}

/** Compares the accepted types; returns false when the two sides share no type at all. */
function compareTypes(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): boolean {
  // Two enums are compared value by value, which is more precise than comparing their types.
  if (pinned.enumValues && live.enumValues) {
    return true;
  }
  const pinnedTypes = effectiveTypes(pinned);
  const liveTypes = effectiveTypes(live);
  if (canonicalJson(pinnedTypes) === canonicalJson(liveTypes)) {
    return true;
  }
  const described = { pinned: pinnedTypes ?? 'any', live: liveTypes ?? 'any' };
  const message = `type ${pinnedTypes?.join(' | ') ?? 'any'} became ${liveTypes?.join(' | ') ?? 'any'}`;
  if (coversTypes(liveTypes, pinnedTypes)) {
    report(comparison, 'widens', 'type-widened', location.pinned, message, described);
    return true;
  }
  if (coversTypes(pinnedTypes, liveTypes)) {
    report(comparison, 'narrows', 'type-narrowed', location.pinned, message, described);
    return true;
  }
  report(comparison, 'changes', 'type-changed', location.pinned, message, described);
  return sharesType(pinnedTypes ?? [], liveTypes ?? []);
}

function compareFormat(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): void {
  if (pinned.format === live.format) {
    return;
  }
  const values = { pinned: pinned.format, live: live.format };
  if (pinned.format === undefined) {
    const message = `format ${live.format} added`;
    report(comparison, 'narrows', 'format-added', location.pinned, message, values);
    return;
  }
  if (live.format === undefined) {
    const message = `format ${pinned.format} removed`;
    report(comparison, 'widens', 'format-removed', location.pinned, message, values);
    return;
  }
  const message = `format ${pinned.format} became ${live.format}`;
  report(comparison, 'changes', 'format-changed', location.pinned, message, values);
}

function listValues(values: unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function compareEnum(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): void {
  const pinnedValues = pinned.enumValues;
  const liveValues = live.enumValues;
  if (pinnedValues === undefined && liveValues === undefined) {
    return;
  }
  const values = { pinned: pinnedValues, live: liveValues };
  if (pinnedValues === undefined || liveValues === undefined) {
    const [effect, change, message] =
      pinnedValues === undefined
        ? (['narrows', 'enum-added', 'values restricted to an enum'] as const)
        : (['widens', 'enum-removed', 'enum restriction removed'] as const);
    report(comparison, effect, change, location.pinned, message, values);
    return;
  }
  const liveSet = new Set(liveValues.map(canonicalJson));
  const pinnedSet = new Set(pinnedValues.map(canonicalJson));
  const removed = pinnedValues.filter((value) => !liveSet.has(canonicalJson(value)));
  const added = liveValues.filter((value) => !pinnedSet.has(canonicalJson(value)));
  if (removed.length > 0 && added.length > 0) {
    const message = `enum lost ${listValues(removed)} and gained ${listValues(added)}`;
    report(comparison, 'changes', 'enum-changed', location.pinned, message, values);
  } else if (removed.length > 0) {
    const message = `enum lost ${listValues(removed)}`;
    report(comparison, 'narrows', 'enum-narrowed', location.pinned, message, values);
  } else if (added.length > 0) {
    const message = `enum gained ${listValues(added)}`;
    report(comparison, 'widens', 'enum-widened', location.pinned, message, values);
  }
}

/** Returns which way a change of one bound keyword moves the accepted set. */
function boundEffect(keyword: string, pinned: unknown, live: unknown): Effect {
  if (pinned === undefined) {
    return 'narrows';
  }
  if (live === undefined) {
    return 'widens';
  }
  const isLower = LOWER_BOUNDS.includes(keyword);
  if ((isLower || UPPER_BOUNDS.includes(keyword)) && typeof pinned === 'number') {
    if (typeof live === 'number') {
      return live > pinned === isLower ? 'narrows' : 'widens';
    }
  }
  return 'changes';
}

function describeBoundChange(keyword: string, pinned: unknown, live: unknown): string {
  if (pinned === undefined) {
    return `${keyword} ${JSON.stringify(live)} added`;
  }
  if (live === undefined) {
    return `${keyword} ${JSON.stringify(pinned)} removed`;
  }
  return `${keyword} ${JSON.stringify(pinned)} became ${JSON.stringify(live)}`;
}

function compareBounds(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): void {
  const keywords = new Set([...Object.keys(pinned.bounds), ...Object.keys(live.bounds)]);
  for (const keyword of [...keywords].sort()) {
    const pinnedValue = pinned.bounds[keyword];
    const liveValue = live.bounds[keyword];
    if (canonicalJson(pinnedValue) === canonicalJson(liveValue)) {
      continue;
    }
    const effect = boundEffect(keyword, pinnedValue, liveValue);
    const change =
      effect === 'changes' ? 'constraint-changed' : `constraint-${effect.slice(0, -1)}ed`;
    const message = describeBoundChange(keyword, pinnedValue, liveValue);
    report(comparison, effect, change, location.pinned, message, {
      pinned: pinnedValue,
      live: liveValue,
    });
  }
}

function compareProperties(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): void {
  const pinnedProperties = pinned.properties ?? {};
  const liveProperties = live.properties ?? {};
  const names = new Set([
    ...Object.keys(pinnedProperties),
    ...pinned.required,
    ...Object.keys(liveProperties),
    ...live.required,
  ]);
  for (const name of [...names].sort()) {
    const inPinned = Object.hasOwn(pinnedProperties, name) || pinned.required.includes(name);
    const inLive = Object.hasOwn(liveProperties, name) || live.required.includes(name);
    const child = childLocation(location, 'properties', name);
    if (!inLive) {
      reportFieldRemoved(comparison, name, child, pinnedProperties[name]);
    } else if (!inPinned) {
      reportFieldAdded(comparison, name, child, liveProperties[name], live.required.includes(name));
    } else {
      compareRequired(comparison, name, child, pinned, live);
      compareSchemas(
        comparison,
        pinnedProperties[name] ?? true,
        liveProperties[name] ?? true,
        child,
      );
    }
  }
}

function reportFieldRemoved(
  comparison: SchemaComparison,
  name: string,
  location: Location,
  schema: unknown,
): void {
  const pinned = describeSchema(comparison.pinnedRoot, schema ?? true);
  const message = `${comparison.side} field ${name} removed`;
  report(comparison, 'breaking', `${comparison.side}-field-removed`, location.pinned, message, {
    pinned,
  });
}

function reportFieldAdded(
  comparison: SchemaComparison,
  name: string,
  location: Location,
  schema: unknown,
  required: boolean,
): void {
  const live = describeSchema(comparison.liveRoot, schema ?? true);
  if (comparison.side === 'request' && required) {
    const message = `required request field ${name} added`;
    report(comparison, 'breaking', 'request-required-field-added', location.live, message, {
      live,
    });
    return;
  }
  const qualifier = required ? 'required' : 'optional';
  const message = `${qualifier} ${comparison.side} field ${name} added`;
  report(comparison, 'additive', `${comparison.side}-field-added`, location.live, message, {
    live,
  });
}

function compareRequired(
  comparison: SchemaComparison,
  name: string,
  location: Location,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
): void {
  const wasRequired = pinned.required.includes(name);
  const isRequired = live.required.includes(name);
  if (wasRequired === isRequired) {
    return;
  }
  const state = isRequired ? 'required' : 'optional';
  const message = `${comparison.side} field ${name} made ${state}`;
  report(
    comparison,
    isRequired ? 'narrows' : 'widens',
    `${comparison.side}-field-made-${state}`,
    location.pinned,
    message,
    { pinned: wasRequired ? 'required' : 'optional', live: state },
  );
}

/** Orders how much `additionalProperties` allows: false, then a schema, then anything. */
function openness(value: unknown): number {
  if (value === false) {
    return 0;
  }
  return value === undefined ? 2 : 1;
}

function compareAdditionalProperties(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): void {
  const pinnedOpenness = openness(pinned.additionalProperties);
  const liveOpenness = openness(live.additionalProperties);
  const child = childLocation(location, 'additionalProperties');
  if (pinnedOpenness === 1 && liveOpenness === 1) {
    compareSchemas(comparison, pinned.additionalProperties, live.additionalProperties, child);
    return;
  }
  if (pinnedOpenness === liveOpenness) {
    return;
  }
  const effect = liveOpenness > pinnedOpenness ? 'widens' : 'narrows';
  const message = `additional properties ${effect === 'widens' ? 'loosened' : 'restricted'}`;
  report(comparison, effect, 'additional-properties-changed', child.pinned, message);
}

function compareItems(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): void {
  const child = childLocation(location, 'items');
  if (pinned.items !== undefined && live.items !== undefined) {
    compareSchemas(comparison, pinned.items, live.items, child);
  } else if (pinned.items !== undefined || live.items !== undefined) {
    const effect = live.items === undefined ? 'widens' : 'narrows';
    report(
      comparison,
      effect,
      `items-${effect === 'widens' ? 'loosened' : 'restricted'}`,
      child.pinned,
      'array items changed',
    );
  }
  const pinnedPrefix = pinned.prefixItems ?? [];
  const livePrefix = live.prefixItems ?? [];
  const count = Math.max(pinnedPrefix.length, livePrefix.length);
  for (let index = 0; index < count; index += 1) {
    compareSchemas(
      comparison,
      pinnedPrefix[index] ?? true,
      livePrefix[index] ?? true,
      childLocation(location, 'prefixItems', String(index)),
    );
  }
}

/** Compares the less common keywords (`not`, `if`, `patternProperties`, ...) as whole values. */
function compareOther(
  comparison: SchemaComparison,
  pinned: NormalizedSchema,
  live: NormalizedSchema,
  location: Location,
): void {
  const printPinned = (child: unknown): string => fingerprintSchema(comparison.pinnedRoot, child);
  const printLive = (child: unknown): string => fingerprintSchema(comparison.liveRoot, child);
  const keywords = new Set([...Object.keys(pinned.other), ...Object.keys(live.other)]);
  if (pinned.allOf || live.allOf) {
    keywords.add('allOf');
  }
  for (const keyword of [...keywords].sort()) {
    const pinnedValue = keyword === 'allOf' ? pinned.allOf : pinned.other[keyword];
    const liveValue = keyword === 'allOf' ? live.allOf : live.other[keyword];
    const pinnedText =
      pinnedValue === undefined
        ? ''
        : printOther(keyword === 'allOf' ? 'anyOf' : keyword, pinnedValue, printPinned);
    const liveText =
      liveValue === undefined
        ? ''
        : printOther(keyword === 'allOf' ? 'anyOf' : keyword, liveValue, printLive);
    if (pinnedText !== liveText) {
      const pointer = childLocation(location, keyword).pinned;
      report(comparison, 'changes', 'keyword-changed', pointer, `keyword ${keyword} changed`);
    }
  }
}
