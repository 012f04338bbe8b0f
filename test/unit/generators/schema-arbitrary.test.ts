import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonSchema, schemaArbitrary } from '../../../generators/index.js';
import { isHarnessError } from '../../../src/errors.js';
import { createTestAjv, seededRandom } from './support.js';

const ajv = createTestAjv();

/** Asserts with fast-check that every generated value is valid against the schema. */
function expectAllValid(schema: JsonSchema, numRuns = 200): void {
  const validate = ajv.compile(schema);
  fc.assert(
    fc.property(schemaArbitrary(schema), (value) => {
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    }),
    { numRuns, seed: 7 },
  );
}

function sampleOf(schema: JsonSchema, numRuns = 300): unknown[] {
  return fc.sample(schemaArbitrary(schema), { seed: 11, numRuns });
}

describe('schemaArbitrary', () => {
  const cases: [string, JsonSchema][] = [
    ['uuid', { type: 'string', format: 'uuid' }],
    ['date-time', { type: 'string', format: 'date-time' }],
    ['date', { type: 'string', format: 'date' }],
    ['anchored pattern', { type: 'string', pattern: '^[A-Z]{3}-[0-9]{2}$' }],
    ['unanchored pattern', { type: 'string', pattern: 'ab+c' }],
    ['pattern with lengths', { type: 'string', pattern: '^[a-z]+$', minLength: 2, maxLength: 4 }],
    ['string lengths', { type: 'string', minLength: 2, maxLength: 5 }],
    ['integer range', { type: 'integer', minimum: 1, maximum: 3 }],
    ['integer exclusive', { type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 4 }],
    ['number exclusive', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }],
    ['number one-sided', { type: 'number', minimum: -5 }],
    ['array bounds', { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 4 }],
    ['unique items', { type: 'array', items: { enum: [1, 2, 3] }, minItems: 2, uniqueItems: true }],
    ['enum', { enum: ['a', 'b', 3] }],
    ['typed enum', { type: 'string', enum: ['a', 'b', 3] }],
    ['const', { const: { fixed: true } }],
    ['type list', { type: ['string', 'null'], minLength: 1 }],
    ['allOf bounds', { type: 'string', allOf: [{ minLength: 3 }, { maxLength: 4 }] }],
    ['not', { type: 'integer', minimum: 0, maximum: 5, not: { const: 3 } }],
    ['multipleOf', { type: 'integer', minimum: 0, maximum: 50, multipleOf: 5 }],
    ['no keywords', {}],
    [
      'overlapping oneOf',
      {
        oneOf: [
          { type: 'integer', maximum: 10 },
          { type: 'integer', minimum: 5 },
        ],
      },
    ],
    [
      'selector oneOf',
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' } },
        oneOf: [{ required: ['a'] }, { required: ['b'] }],
      },
    ],
    ['anyOf', { anyOf: [{ type: 'string', maxLength: 2 }, { type: 'boolean' }] }],
    [
      'nested object',
      {
        type: 'object',
        required: ['list'],
        properties: {
          list: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['id'],
              properties: { id: { type: 'string', format: 'uuid' }, note: { type: 'string' } },
            },
          },
        },
      },
    ],
  ];

  for (const [name, schema] of cases) {
    it(`generates valid values for ${name}`, () => {
      expectAllValid(schema);
    });
  }

  it('bounds date-times to this century', () => {
    const values = sampleOf({ type: 'string', format: 'date-time' }) as string[];
    for (const value of values) {
      expect(value).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('never matches two oneOf branches', () => {
    const values = sampleOf({
      oneOf: [
        { type: 'integer', minimum: 0, maximum: 10 },
        { type: 'integer', minimum: 5, maximum: 15 },
      ],
    }) as number[];
    expect(values.some((value) => value >= 5 && value <= 10)).toBe(false);
    expect(values.some((value) => value < 5)).toBe(true);
    expect(values.some((value) => value > 10)).toBe(true);
  });

  it('sends exactly one selector of a selector oneOf', () => {
    const values = sampleOf({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
    }) as Record<string, unknown>[];
    expect(values.every((value) => 'a' in value !== 'b' in value)).toBe(true);
    expect(values.some((value) => 'a' in value)).toBe(true);
    expect(values.some((value) => 'b' in value)).toBe(true);
  });

  it('leaves optional keys present or absent', () => {
    const values = sampleOf({
      type: 'object',
      required: ['kept'],
      properties: { kept: { type: 'boolean' }, optional: { type: 'boolean' } },
    }) as Record<string, unknown>[];
    expect(values.every((value) => 'kept' in value)).toBe(true);
    expect(values.some((value) => 'optional' in value)).toBe(true);
    expect(values.some((value) => !('optional' in value))).toBe(true);
  });

  it('builds objects with the plain object prototype', () => {
    const values = sampleOf({ type: 'object', properties: { a: { type: 'boolean' } } }, 50);
    expect(values.every((value) => Object.getPrototypeOf(value) === Object.prototype)).toBe(true);
  });

  it('leaves out inferred optional properties', () => {
    const values = sampleOf({
      type: 'object',
      properties: {
        published: { type: 'string' },
        guessed: { type: 'string', 'x-provenance': 'inferred' },
      },
    }) as Record<string, unknown>[];
    expect(values.some((value) => 'guessed' in value)).toBe(false);
    expect(values.some((value) => 'published' in value)).toBe(true);
  });

  it('sends an inferred property when forced', () => {
    const schema = {
      type: 'object',
      properties: { guessed: { type: 'string', 'x-provenance': 'inferred' } },
    };
    const arbitrary = schemaArbitrary(schema, { forcedPaths: new Set(['/guessed']) });
    const values = fc.sample(arbitrary, { seed: 3, numRuns: 50 }) as Record<string, unknown>[];
    expect(values.every((value) => typeof value.guessed === 'string')).toBe(true);
  });

  it('skips an inferred oneOf branch', () => {
    const values = sampleOf({
      oneOf: [
        { type: 'null', 'x-provenance': 'inferred' },
        { type: 'string', format: 'uuid' },
      ],
    });
    expect(values.every((value) => typeof value === 'string')).toBe(true);
  });

  it('prefers examples for free strings', () => {
    const values = sampleOf({ type: 'string', examples: ['image'] });
    const share = values.filter((value) => value === 'image').length / values.length;
    expect(share).toBeGreaterThan(0.5);
    expect(values.some((value) => value !== 'image')).toBe(true);
  });

  it('ignores examples that break the schema', () => {
    const values = sampleOf({ type: 'string', minLength: 8, examples: ['short'] });
    expect(values).not.toContain('short');
  });

  it('gives each path to the override', () => {
    const paths: string[] = [];
    const schema = {
      type: 'object',
      required: ['items'],
      properties: {
        items: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        },
      },
    };
    const arbitrary = schemaArbitrary(schema, {
      override: (path) => {
        paths.push(path.join('/'));
        return path.join('/') === 'items/*/id' ? fc.constant('fixed') : undefined;
      },
    });
    const [value] = fc.sample(arbitrary, { seed: 1, numRuns: 1 });
    expect(paths).toEqual(['', 'items', 'items/*', 'items/*/id']);
    const items = (value as { items: { id: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.id === 'fixed')).toBe(true);
  });

  it('rejects an unresolved reference', () => {
    const build = () =>
      schemaArbitrary({ type: 'object', required: ['a'], properties: { a: { $ref: '#/x' } } });
    expect(build).toThrow(/dereference the spec/);
    try {
      build();
    } catch (error) {
      expect(isHarnessError(error)).toBe(true);
    }
  });

  it('rejects bounds that no array meets', () => {
    expect(() => schemaArbitrary({ type: 'array', minItems: 3, maxItems: 2 })).toThrow(
      /cannot be satisfied/,
    );
  });

  it('shrinks strings toward shorter ones', () => {
    const arbitrary = schemaArbitrary({ type: 'string', minLength: 1, maxLength: 20 });
    const value = arbitrary.generate(seededRandom(5), undefined);
    const shrunk = [...arbitrary.shrink(value.value, value.context).take(20)];
    for (const candidate of shrunk) {
      expect((candidate.value as string).length).toBeGreaterThanOrEqual(1);
      expect((candidate.value as string).length).toBeLessThanOrEqual(
        (value.value as string).length,
      );
    }
  });
});
