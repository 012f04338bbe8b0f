import { describe, expect, it } from 'vitest';
import { describeSchemaIssue } from '../../../src/checks/describe-schema-issue.js';
import { formatPointer, parsePointer, resolvePointer } from '../../../src/checks/json-pointer.js';
import type { SchemaIssue } from '../../../src/spec/types.js';

function issue(
  keyword: string,
  instancePath: string,
  params: Record<string, unknown>,
  message = '',
): SchemaIssue {
  return { keyword, instancePath, schemaPath: `#/${keyword}`, message, params };
}

const BODY = {
  id: 7,
  status: 'lost',
  kind: 'x',
  created_at: 'yesterday',
  quantity: 0,
  offers: [{ currency: 'NZD' }],
  client_secret: 'secret_demo_8f3a',
};

describe('describeSchemaIssue', () => {
  const cases: [SchemaIssue, string, string, string][] = [
    [
      issue('required', '', { missingProperty: 'id' }),
      'missing required property id',
      'id',
      'absent',
    ],
    [
      issue('type', '/id', { type: 'string' }),
      'type is integer, schema requires string',
      'string',
      'integer',
    ],
    [
      issue('type', '/status', { type: ['integer', 'null'] }),
      'type is string, schema requires integer or null',
      'integer or null',
      'string',
    ],
    [
      issue('const', '/kind', { allowedValue: true }),
      'value is "x", schema requires true',
      'true',
      '"x"',
    ],
    [
      issue('enum', '/status', { allowedValues: ['estimated', 'ordered'] }),
      'value is "lost", schema allows "estimated", "ordered"',
      '"estimated", "ordered"',
      '"lost"',
    ],
    [
      issue('format', '/created_at', { format: 'date-time' }),
      'value is not a valid date-time',
      'date-time',
      '"yesterday"',
    ],
    [
      issue('pattern', '/kind', { pattern: '^[a-z]{2}$' }),
      'value does not match pattern ^[a-z]{2}$',
      '^[a-z]{2}$',
      '"x"',
    ],
    [
      issue('false schema', '/offers/0/currency', {}),
      'property currency is not allowed',
      'absent',
      '"NZD"',
    ],
    [
      issue('additionalProperties', '', { additionalProperty: 'kind' }),
      'unexpected property kind',
      'absent',
      'kind',
    ],
    [
      issue('oneOf', '/id', { passingSchemas: null }),
      'matches none of the oneOf alternatives',
      'exactly one oneOf alternative',
      '7',
    ],
    [
      issue('oneOf', '/id', { passingSchemas: [0, 1] }),
      'matches more than one oneOf alternative',
      'exactly one oneOf alternative',
      '7',
    ],
    [
      issue('anyOf', '/id', {}),
      'matches none of the anyOf alternatives',
      'at least one anyOf alternative',
      '7',
    ],
    [
      issue('exclusiveMinimum', '/quantity', { comparison: '>', limit: 0 }),
      'value is 0, schema requires > 0',
      '> 0',
      '0',
    ],
    [
      issue('minItems', '/offers', { limit: 2 }, 'must NOT have fewer than 2 items'),
      'must not have fewer than 2 items',
      'minItems at #/minItems',
      '[{"currency":"NZD"}]',
    ],
    [
      issue('unknownKeyword', '/id', {}),
      'fails unknownKeyword',
      'unknownKeyword at #/unknownKeyword',
      '7',
    ],
    [issue('constructor', '/id', {}), 'fails constructor', 'constructor at #/constructor', '7'],
  ];

  it.each(cases)('words %o', (record, message, expected, actual) => {
    expect(describeSchemaIssue(record, BODY)).toEqual({ message, expected, actual });
  });

  it('never quotes a secret property', () => {
    const description = describeSchemaIssue(
      issue('pattern', '/client_secret', { pattern: '^x$' }),
      BODY,
    );
    expect(description.actual).toBe('a string of 16 characters');
    expect(JSON.stringify(description)).not.toContain('secret_demo');
  });

  it('cuts long values', () => {
    const description = describeSchemaIssue(issue('type', '', { type: 'string' }), {
      text: 'a'.repeat(500),
    });
    expect(description.message).toBe('type is object, schema requires string');
    const long = describeSchemaIssue(issue('const', '/text', { allowedValue: 'b' }), {
      text: 'a'.repeat(500),
    });
    expect(long.actual).toHaveLength(80);
    expect(long.actual.endsWith('...')).toBe(true);
  });
});

describe('json pointer', () => {
  it('escapes and reads back segments', () => {
    const pointer = formatPointer(['offers', 0, 'a/b', 'c~d']);
    expect(pointer).toBe('/offers/0/a~1b/c~0d');
    expect(parsePointer(pointer)).toEqual(['offers', '0', 'a/b', 'c~d']);
    expect(formatPointer([])).toBe('');
  });

  it('resolves a pointer into a document', () => {
    const document = { offers: [{ 'a/b': { 'c~d': 5 } }] };
    expect(resolvePointer(document, '/offers/0/a~1b/c~0d')).toBe(5);
    expect(resolvePointer(document, '')).toBe(document);
    expect(resolvePointer(document, '/offers/3')).toBeUndefined();
    expect(resolvePointer(document, '/offers/0/a~1b/c~0d/deeper')).toBeUndefined();
    expect(resolvePointer(document, '/constructor')).toBeUndefined();
  });
});
