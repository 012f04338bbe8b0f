import { jsonTypeOf } from '../json-type.js';
import type { SchemaIssue } from '../spec/types.js';
import { renderValue } from './exchange-facts.js';
import { parsePointer, resolvePointer } from './json-pointer.js';

/** A schema issue in the words of a finding. */
export interface IssueDescription {
  /** A short lowercase fragment: `type is string, schema requires integer`. */
  message: string;
  expected: string;
  actual: string;
}

/**
 * Property names whose values are never quoted in a finding, because a response may carry a
 * freshly minted secret (the `api_key` of `integrations.insert`).
 */
const SECRET_PROPERTY = /(^|_)(api_key|secret|access_code|token|password)$/i;

/** Describes one Ajv error record of a response body, reading the failing value from `body`. */
export function describeSchemaIssue(issue: SchemaIssue, body: unknown): IssueDescription {
  const value = resolvePointer(body, issue.instancePath);
  const actual = renderIssueValue(issue.instancePath, value);
  const describe = DESCRIBERS.get(issue.keyword) ?? describeOther;
  return describe({ ...issue, params: issue.params ?? {} }, value, actual);
}

type Describer = (issue: SchemaIssue, value: unknown, actual: string) => IssueDescription;

const DESCRIBERS: ReadonlyMap<string, Describer> = new Map(
  Object.entries({
    required: (issue) => {
      const name = String(issue.params.missingProperty);
      return { message: `missing required property ${name}`, expected: name, actual: 'absent' };
    },
    type: (issue, value) => {
      const expected = [issue.params.type].flat().map(String).join(' or ');
      const actual = typeNameOf(value);
      return { message: `type is ${actual}, schema requires ${expected}`, expected, actual };
    },
    const: (issue, _value, actual) => {
      const expected = renderValue(issue.params.allowedValue);
      return { message: `value is ${actual}, schema requires ${expected}`, expected, actual };
    },
    enum: (issue, _value, actual) => {
      const expected = [issue.params.allowedValues].flat().map((item) => renderValue(item));
      const list = expected.join(', ');
      return { message: `value is ${actual}, schema allows ${list}`, expected: list, actual };
    },
    format: (issue, _value, actual) => {
      const format = String(issue.params.format);
      return { message: `value is not a valid ${format}`, expected: format, actual };
    },
    pattern: (issue, _value, actual) => {
      const pattern = String(issue.params.pattern);
      return { message: `value does not match pattern ${pattern}`, expected: pattern, actual };
    },
    'false schema': (issue, _value, actual) => {
      const name = parsePointer(issue.instancePath).at(-1) ?? 'value';
      return { message: `property ${name} is not allowed`, expected: 'absent', actual };
    },
    additionalProperties: (issue) => {
      const name = String(issue.params.additionalProperty);
      return { message: `unexpected property ${name}`, expected: 'absent', actual: name };
    },
    oneOf: (issue, _value, actual) => {
      const passing = issue.params.passingSchemas;
      const message =
        passing === null || passing === undefined
          ? 'matches none of the oneOf alternatives'
          : 'matches more than one oneOf alternative';
      return { message, expected: 'exactly one oneOf alternative', actual };
    },
    anyOf: (_issue, _value, actual) => ({
      message: 'matches none of the anyOf alternatives',
      expected: 'at least one anyOf alternative',
      actual,
    }),
    minimum: describeLimit,
    maximum: describeLimit,
    exclusiveMinimum: describeLimit,
    exclusiveMaximum: describeLimit,
  } satisfies Record<string, Describer>),
);

function describeLimit(issue: SchemaIssue, _value: unknown, actual: string): IssueDescription {
  const expected = `${String(issue.params.comparison)} ${String(issue.params.limit)}`;
  return { message: `value is ${actual}, schema requires ${expected}`, expected, actual };
}

/** Falls back on Ajv's own message, lowercased, for the keywords with no wording of their own. */
function describeOther(issue: SchemaIssue, _value: unknown, actual: string): IssueDescription {
  const text = typeof issue.message === 'string' ? issue.message : '';
  const message = text === '' ? `fails ${issue.keyword}` : text.toLowerCase();
  return { message, expected: `${issue.keyword} at ${issue.schemaPath}`, actual };
}

/** The JSON Schema type name of a value, or `absent` for a missing one. */
function typeNameOf(value: unknown): string {
  return value === undefined ? 'absent' : jsonTypeOf(value);
}

function renderIssueValue(pointer: string, value: unknown): string {
  const name = parsePointer(pointer).at(-1) ?? '';
  if (typeof value === 'string' && SECRET_PROPERTY.test(name)) {
    return `a string of ${value.length} characters`;
  }
  return renderValue(value);
}
