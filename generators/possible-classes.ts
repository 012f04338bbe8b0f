import type { MutationClass } from './types.js';

/**
 * The schema keywords without which `listMutations` can make no mutation of a class: it reads
 * each class's keyword from a schema node, and merging nodes (`allOf`, a matched `oneOf` branch)
 * only combines keywords that are already there. Classes not listed here can come from any schema.
 */
const KEYWORDS_OF_CLASS: Partial<Record<MutationClass, readonly string[]>> = {
  // The walk reaches a value below the body only through `properties` or `items`.
  'wrong-type': ['properties', 'items'],
  'required-removed': ['required'],
  'enum-violated': ['enum'],
  'const-violated': ['const'],
  'format-uuid': ['format'],
  'format-date-time': ['format'],
  'identity-both': ['oneOf'],
  'identity-neither': ['oneOf'],
  'array-too-short': ['minItems'],
  'array-too-long': ['maxItems'],
  'number-out-of-range': ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'],
  'string-too-short': ['minLength'],
};

/** The `format` value each format class needs somewhere in the schema. */
const FORMAT_OF_CLASS: Partial<Record<MutationClass, string>> = {
  'format-uuid': 'uuid',
  'format-date-time': 'date-time',
};

/**
 * Tells which mutation classes a request schema can give at all, from the keywords anywhere in
 * it. It may name a class that no valid body turns out to give, but never leaves out one that
 * some body gives, so a class it leaves out needs no search through the bodies.
 */
export function possibleClasses(schema: unknown, classes: readonly MutationClass[]): Set<string> {
  const keys = new Set<string>();
  const formats = new Set<string>();
  collectKeys(schema, keys, formats, new Set());
  return new Set(
    classes.filter((name) => {
      const keywords = KEYWORDS_OF_CLASS[name];
      const format = FORMAT_OF_CLASS[name];
      if (format !== undefined && !formats.has(format)) {
        return false;
      }
      return keywords === undefined || keywords.some((keyword) => keys.has(keyword));
    }),
  );
}

/** Collects every object key and every string `format` value, following cycles once. */
function collectKeys(
  value: unknown,
  keys: Set<string>,
  formats: Set<string>,
  seen: Set<unknown>,
): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) {
    return;
  }
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      collectKeys(item, keys, formats, seen);
    }
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    keys.add(key);
    if (key === 'format' && typeof child === 'string') {
      formats.add(child);
    }
    collectKeys(child, keys, formats, seen);
  }
}
