import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { HarnessError } from '../errors.js';
import { toOneLine } from './load-document.js';
import { EXTENSION_KEY } from './merge.js';
import { PROVENANCE_KEY } from './published.js';
import type { ErrorStyle, ErrorVariant, MethodEntry, Role } from './types.js';
import {
  collectIssues,
  compileFull,
  compileSplit,
  type SplitValidator,
  schemaPointer,
  validateSplit,
} from './validators.js';

type JsonObject = Record<string, unknown>;

const ROLES: readonly Role[] = ['repairer', 'supplier', 'any', 'none'];
const ERROR_STYLES: readonly ErrorStyle[] = ['tagged', 'bare-string'];
const JSON_MEDIA_TYPE = 'application/json';

/** One operation of the merged document, as written and with its `$ref`s dereferenced. */
export interface OperationSource {
  path: string;
  operation: JsonObject;
  dereferenced: JsonObject;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(name: string, fault: string): HarnessError {
  return new HarnessError('HARNESS_SPEC_INVALID', `The spec's method ${name} ${fault}`);
}

/** The wire name is the last path segment, as in `/api/2026-01/repairer.jobs.get`. */
function methodName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function readRole(name: string, operation: JsonObject): Role {
  const role = operation['x-role'];
  if (!ROLES.includes(role as Role)) {
    throw invalid(name, `has x-role ${JSON.stringify(role)}; expected one of ${ROLES.join(', ')}`);
  }
  return role as Role;
}

function readErrorStyle(name: string, operation: JsonObject): ErrorStyle {
  const style = operation['x-error-style'];
  if (!ERROR_STYLES.includes(style as ErrorStyle)) {
    throw invalid(
      name,
      `has x-error-style ${JSON.stringify(style)}; expected one of ${ERROR_STYLES.join(', ')}`,
    );
  }
  return style as ErrorStyle;
}

function readMutates(name: string, operation: JsonObject): boolean {
  const mutates = operation['x-mutates'];
  if (typeof mutates !== 'boolean') {
    throw invalid(name, `has x-mutates ${JSON.stringify(mutates)}; expected true or false`);
  }
  return mutates;
}

/** The `application/json` schema of a request body or response, dereferenced. */
function jsonSchemaOf(container: unknown): unknown {
  if (!isObject(container) || !isObject(container.content)) return undefined;
  const media = container.content[JSON_MEDIA_TYPE];
  return isObject(media) ? media.schema : undefined;
}

function responseOf(operation: JsonObject, status: string): unknown {
  return isObject(operation.responses) ? operation.responses[status] : undefined;
}

function readVariant(
  name: string,
  style: ErrorStyle,
  schema: unknown,
  membershipInferred: boolean,
): ErrorVariant {
  const variant = isObject(schema) ? variantName(style, schema) : undefined;
  const status = isObject(schema) ? schema['x-status'] : undefined;
  if (variant === undefined || typeof status !== 'number') {
    throw invalid(
      name,
      style === 'tagged'
        ? 'has an error variant without a properties.type.const name or an x-status'
        : 'has an error variant without a const name or an x-status',
    );
  }
  const statusInferred = isObject(schema) && schema['x-status-provenance'] === 'inferred';
  return { name: variant, status, statusInferred, membershipInferred };
}

function variantName(style: ErrorStyle, schema: JsonObject): string | undefined {
  if (style === 'bare-string') {
    return typeof schema.const === 'string' ? schema.const : undefined;
  }
  const properties = isObject(schema.properties) ? schema.properties : {};
  const type = isObject(properties.type) ? properties.type : {};
  return typeof type.const === 'string' ? type.const : undefined;
}

function readVariants(name: string, style: ErrorStyle, operation: JsonObject): ErrorVariant[] {
  const union = jsonSchemaOf(responseOf(operation, 'default'));
  if (!isObject(union) || !Array.isArray(union.oneOf)) {
    throw invalid(name, 'has no default response whose application/json schema is a oneOf');
  }
  const membershipInferred = union[PROVENANCE_KEY] === 'inferred';
  return union.oneOf.map((schema) => readVariant(name, style, schema, membershipInferred));
}

function readExamples(operation: JsonObject): unknown[] {
  const body = operation.requestBody;
  if (!isObject(body) || !isObject(body.content)) return [];
  const media = body.content[JSON_MEDIA_TYPE];
  if (!isObject(media)) return [];

  const examples: unknown[] = [];
  if ('example' in media) examples.push(media.example);
  if (isObject(media.examples)) {
    for (const example of Object.values(media.examples)) {
      if (isObject(example) && 'value' in example) examples.push(example.value);
    }
  }
  return examples;
}

interface Validators {
  request: SplitValidator;
  response: SplitValidator;
  error: ValidateFunction;
}

function compileValidators(ajv: Ajv2020, name: string, path: string): Validators {
  const slot = (...tokens: string[]): string =>
    schemaPointer(['paths', path, 'post', ...tokens, 'content', JSON_MEDIA_TYPE, 'schema']);
  const compile = <T>(part: string, build: () => T): T => {
    try {
      return build();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw invalid(name, `has a ${part} schema that Ajv cannot compile: ${toOneLine(message)}`);
    }
  };
  return {
    request: compile('request', () => compileSplit(ajv, slot('requestBody'))),
    response: compile('200 response', () => compileSplit(ajv, slot('responses', '200'))),
    error: compile('error', () => compileFull(ajv, slot('responses', 'default'))),
  };
}

function checkExamples(name: string, examples: unknown[], validator: SplitValidator): void {
  for (const [index, example] of examples.entries()) {
    const issues = collectIssues(validator.full, example);
    const first = issues[0];
    if (first !== undefined) {
      throw invalid(
        name,
        `has request example ${index + 1} that fails its schema: ${first.instancePath || '/'} ${first.message}`,
      );
    }
  }
}

/**
 * Builds the catalogue entry of one operation: its vendor keys, error union, schemas, examples
 * and compiled validators. Raises HARNESS_SPEC_INVALID naming the method when a vendor key is
 * missing, a schema does not compile, or an example fails its own schema.
 */
export function buildMethodEntry(ajv: Ajv2020, source: OperationSource): MethodEntry {
  const { path, operation, dereferenced } = source;
  const name = methodName(path);
  const requestSchema = jsonSchemaOf(dereferenced.requestBody);
  const responseSchema = jsonSchemaOf(responseOf(dereferenced, '200'));
  if (requestSchema === undefined) {
    throw invalid(name, 'has no application/json request body schema');
  }
  if (responseSchema === undefined) {
    throw invalid(name, 'has no application/json schema for its 200 response');
  }
  const errorStyle = readErrorStyle(name, operation);
  const validators = compileValidators(ajv, name, path);
  const examples = readExamples(dereferenced);
  checkExamples(name, examples, validators.request);

  return {
    name,
    path,
    operationId: typeof operation.operationId === 'string' ? operation.operationId : name,
    role: readRole(name, operation),
    roleInferred: operation['x-role-provenance'] === 'inferred',
    extension: operation[EXTENSION_KEY] === true,
    mutates: readMutates(name, operation),
    errorStyle,
    variants: readVariants(name, errorStyle, dereferenced),
    requestSchema: requestSchema as MethodEntry['requestSchema'],
    responseSchema: responseSchema as MethodEntry['responseSchema'],
    examples,
    validateRequest: (value) => validateSplit(validators.request, value),
    validateResponse: (value) => validateSplit(validators.response, value),
    validateError: (value) => collectIssues(validators.error, value),
  };
}
