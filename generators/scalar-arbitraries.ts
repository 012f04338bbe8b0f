import fc from 'fast-check';
import { HarnessError } from '../src/errors.js';
import { matchesSchema } from './local-validator.js';
import type { JsonSchema } from './types.js';

/** Earliest and latest instants of generated dates, so `toISOString()` stays RFC 3339. */
const EARLIEST_DATE = new Date('2000-01-01T00:00:00.000Z');
const LATEST_DATE = new Date('2099-12-31T23:59:59.999Z');

/** Maximum length of a free string when the schema sets no `maxLength`. */
const DEFAULT_STRING_SPAN = 24;

/** Span of generated numbers on a side the schema leaves open. */
const DEFAULT_NUMBER_SPAN = 100;

/** Weight of a spec example against a generated string, so most free strings are realistic. */
const EXAMPLE_WEIGHT = 3;

/**
 * Builds strings for a flattened string schema: formats first, then `pattern`, then free
 * strings that prefer the schema's `examples`.
 */
export function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const base = formattedString(schema) ?? patternString(schema) ?? freeString(schema);
  const bounded = hasLengthBounds(schema) && !isFreeString(schema);
  return bounded ? base.filter((value) => isWithinLength(value, schema)) : base;
}

function formattedString(schema: JsonSchema): fc.Arbitrary<string> | undefined {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return boundedDate().map(
        (date) => date.toISOString(),
        (value) => parseDate(value),
      );
    case 'date':
      return boundedDate().map(
        (date) => date.toISOString().slice(0, 10),
        (value) => parseDate(`${value}T00:00:00.000Z`),
      );
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    default:
      return undefined;
  }
}

function boundedDate(): fc.Arbitrary<Date> {
  return fc.date({ min: EARLIEST_DATE, max: LATEST_DATE, noInvalidDate: true });
}

function parseDate(value: unknown): Date {
  const date = new Date(String(value));
  if (typeof value !== 'string' || Number.isNaN(date.getTime())) {
    throw new Error('not a generated date');
  }
  return date;
}

// An OpenAPI `pattern` is an unanchored ECMA-262 expression with Ajv's `u` flag, and
// `stringMatching` honours the anchors the spec writes, so the pattern is used unchanged.
function patternString(schema: JsonSchema): fc.Arbitrary<string> | undefined {
  if (typeof schema.pattern !== 'string') {
    return undefined;
  }
  return fc.stringMatching(new RegExp(schema.pattern, 'u'));
}

function freeString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = numberKeyword(schema, 'minLength') ?? 0;
  const maxLength = numberKeyword(schema, 'maxLength') ?? minLength + DEFAULT_STRING_SPAN;
  const generated = fc.string({ minLength, maxLength });
  const examples = usableExamples(schema);
  if (examples.length === 0) {
    return generated;
  }
  return fc.oneof(
    { weight: EXAMPLE_WEIGHT, arbitrary: fc.constantFrom(...examples) },
    { weight: 1, arbitrary: generated },
  );
}

function usableExamples(schema: JsonSchema): string[] {
  const examples = Array.isArray(schema.examples) ? schema.examples : [];
  const strings = examples.filter((value): value is string => typeof value === 'string');
  return [...new Set(strings)].filter((value) => matchesSchema(schema, value));
}

function isFreeString(schema: JsonSchema): boolean {
  return formattedString(schema) === undefined && typeof schema.pattern !== 'string';
}

function hasLengthBounds(schema: JsonSchema): boolean {
  return typeof schema.minLength === 'number' || typeof schema.maxLength === 'number';
}

// JSON Schema counts string length in code points, as `Array.from` does.
function isWithinLength(value: string, schema: JsonSchema): boolean {
  const length = Array.from(value).length;
  const minLength = numberKeyword(schema, 'minLength') ?? 0;
  const maxLength = numberKeyword(schema, 'maxLength') ?? Number.POSITIVE_INFINITY;
  return length >= minLength && length <= maxLength;
}

/** Numeric bounds of a flattened schema, with `exclusive` marking open ends. */
interface NumberRange {
  min: number;
  max: number;
  minExcluded: boolean;
  maxExcluded: boolean;
}

/** Builds integers within the schema's bounds; an open side spans a hundred from the other. */
export function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const { min, max } = integerBounds(numberRange(schema));
  if (max < min) {
    throw new HarnessError(
      'HARNESS_SPEC_INVALID',
      `No integer meets the bounds of the schema ${JSON.stringify(schema)}; fix the spec`,
    );
  }
  return fc.integer({ min, max });
}

/** Builds numbers within bounds, mostly whole ones, which read more like real quantities. */
export function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const range = numberRange(schema);
  const fractional = fc.double({
    min: range.min,
    max: range.max,
    minExcluded: range.minExcluded,
    maxExcluded: range.maxExcluded,
    noNaN: true,
    noDefaultInfinity: true,
  });
  const { min, max } = integerBounds(range);
  if (max < min) {
    return fractional;
  }
  const whole = fc.integer({ min, max });
  return fc.oneof({ weight: 3, arbitrary: whole }, { weight: 1, arbitrary: fractional });
}

function integerBounds(range: NumberRange): { min: number; max: number } {
  return {
    min: range.minExcluded ? Math.floor(range.min) + 1 : Math.ceil(range.min),
    max: range.maxExcluded ? Math.ceil(range.max) - 1 : Math.floor(range.max),
  };
}

function numberRange(schema: JsonSchema): NumberRange {
  const minimum = numberKeyword(schema, 'minimum');
  const exclusiveMinimum = numberKeyword(schema, 'exclusiveMinimum');
  const maximum = numberKeyword(schema, 'maximum');
  const exclusiveMaximum = numberKeyword(schema, 'exclusiveMaximum');
  const minExcluded = exclusiveMinimum !== undefined && (minimum ?? -Infinity) <= exclusiveMinimum;
  const maxExcluded = exclusiveMaximum !== undefined && (maximum ?? Infinity) >= exclusiveMaximum;
  let min = minExcluded ? exclusiveMinimum : minimum;
  let max = maxExcluded ? exclusiveMaximum : maximum;
  if (min === undefined && max === undefined) {
    min = -DEFAULT_NUMBER_SPAN;
  }
  min ??= (max as number) - DEFAULT_NUMBER_SPAN;
  max ??= min + DEFAULT_NUMBER_SPAN;
  return { min, max, minExcluded, maxExcluded };
}

/** Reads a numeric keyword, or undefined when it is absent or not a number. */
export function numberKeyword(schema: JsonSchema, keyword: string): number | undefined {
  const value = schema[keyword];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
