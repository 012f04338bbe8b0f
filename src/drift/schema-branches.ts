import { compareSchemas, type Location, report, type SchemaComparison } from './schema-diff.js';
import { canonicalJson, describeSchema, fingerprintSchema } from './schema-fingerprint.js';
import {
  effectiveTypes,
  escapePointerToken,
  type NormalizedSchema,
  normalizeSchema,
} from './schema-normalize.js';

/** Two nodes whose alternatives (`oneOf`/`anyOf`) are compared, with their raw schemas. */
export interface BranchPair {
  pinned: NormalizedSchema;
  pinnedRaw: unknown;
  live: NormalizedSchema;
  liveRaw: unknown;
}

interface Branch {
  raw: unknown;
  pointer: string;
}

type BranchKey = (root: unknown, raw: unknown) => string | undefined;

/** Pairs of alternatives that are the same alternative, though perhaps changed. */
interface Matching {
  pairs: Array<[Branch, Branch]>;
  pinnedLeft: Branch[];
  liveLeft: Branch[];
}

function branchesOf(schema: NormalizedSchema, raw: unknown, pointer: string): Branch[] {
  if (!schema.branches) {
    return [{ raw, pointer }];
  }
  const keyword = escapePointerToken(schema.branchKeyword ?? 'oneOf');
  return schema.branches.map((branch, index) => ({
    raw: branch,
    pointer: `${pointer}/${keyword}/${index}`,
  }));
}

/** Returns the tag of an alternative: the value of its `type` property, or its own enum values. */
function tagKey(root: unknown, raw: unknown): string | undefined {
  const schema = normalizeSchema(root, raw);
  const tag = schema.properties?.type;
  if (tag !== undefined) {
    const values = normalizeSchema(root, tag).enumValues;
    return values ? `tag:${canonicalJson(values)}` : undefined;
  }
  return schema.enumValues ? `values:${canonicalJson(schema.enumValues)}` : undefined;
}

function shapeKey(root: unknown, raw: unknown): string {
  const schema = normalizeSchema(root, raw);
  return `${canonicalJson(effectiveTypes(schema))}:${schema.required.join(',')}`;
}

function typeKey(root: unknown, raw: unknown): string {
  return canonicalJson(effectiveTypes(normalizeSchema(root, raw)));
}

/** Pairs the branches whose key is unique on both sides; the rest stay for the next key. */
function pairByKey(comparison: SchemaComparison, matching: Matching, key: BranchKey): void {
  const pinnedKeys = matching.pinnedLeft.map((branch) => key(comparison.pinnedRoot, branch.raw));
  const liveKeys = matching.liveLeft.map((branch) => key(comparison.liveRoot, branch.raw));
  const count = (keys: Array<string | undefined>, value: string): number =>
    keys.filter((candidate) => candidate === value).length;
  const paired = new Set<number>();
  const pairedLive = new Set<number>();
  pinnedKeys.forEach((value, index) => {
    if (value === undefined || count(pinnedKeys, value) !== 1 || count(liveKeys, value) !== 1) {
      return;
    }
    const liveIndex = liveKeys.indexOf(value);
    const pinnedBranch = matching.pinnedLeft[index];
    const liveBranch = matching.liveLeft[liveIndex];
    if (pinnedBranch && liveBranch) {
      matching.pairs.push([pinnedBranch, liveBranch]);
      paired.add(index);
      pairedLive.add(liveIndex);
    }
  });
  matching.pinnedLeft = matching.pinnedLeft.filter((_, index) => !paired.has(index));
  matching.liveLeft = matching.liveLeft.filter((_, index) => !pairedLive.has(index));
}

/**
 * Pairs pinned and live alternatives: first those of equal shape, then by tag, by type and
 * required names, by type alone, and last a single leftover on each side.
 */
function matchBranches(comparison: SchemaComparison, pinned: Branch[], live: Branch[]): Matching {
  const matching: Matching = { pairs: [], pinnedLeft: [...pinned], liveLeft: [...live] };
  const fingerprint: BranchKey = (root, raw) => fingerprintSchema(root, raw);
  for (const key of [fingerprint, tagKey, shapeKey, typeKey]) {
    pairByKey(comparison, matching, key);
  }
  const [lastPinned] = matching.pinnedLeft;
  const [lastLive] = matching.liveLeft;
  if (
    matching.pinnedLeft.length === 1 &&
    matching.liveLeft.length === 1 &&
    lastPinned &&
    lastLive
  ) {
    matching.pairs.push([lastPinned, lastLive]);
    matching.pinnedLeft = [];
    matching.liveLeft = [];
  }
  return matching;
}

/**
 * Compares the alternatives of two nodes. A side without `oneOf`/`anyOf` counts as one
 * alternative, so `oneOf [A, B]` against `A` reports only that `B` was removed.
 */
export function compareBranches(
  comparison: SchemaComparison,
  pair: BranchPair,
  location: Location,
): void {
  const pinned = branchesOf(pair.pinned, pair.pinnedRaw, location.pinned);
  const live = branchesOf(pair.live, pair.liveRaw, location.live);
  const matching = matchBranches(comparison, pinned, live);
  const wrapped = !pair.pinned.branches || !pair.live.branches;

  for (const [pinnedBranch, liveBranch] of matching.pairs) {
    const where = { pinned: pinnedBranch.pointer, live: liveBranch.pointer };
    compareSchemas(comparison, pinnedBranch.raw, liveBranch.raw, where, { skipNullable: wrapped });
  }
  for (const branch of matching.pinnedLeft) {
    const pinnedValue = describeSchema(comparison.pinnedRoot, branch.raw);
    const message = `alternative ${pinnedValue} removed`;
    report(comparison, 'narrows', 'alternative-removed', branch.pointer, message, {
      pinned: pinnedValue,
    });
  }
  for (const branch of matching.liveLeft) {
    const liveValue = describeSchema(comparison.liveRoot, branch.raw);
    const message = `alternative ${liveValue} added`;
    report(comparison, 'widens', 'alternative-added', branch.pointer, message, {
      live: liveValue,
    });
  }
}
