import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SchemaIssue, SchemaValidation } from './types.js';

type JsonObject = Record<string, unknown>;

/**
 * Ids under which the two forms of the document are registered with Ajv. Ajv needs a valid
 * URI; the `.invalid` top-level domain can never resolve, so nothing is ever fetched from it.
 */
const FULL_ID = 'https://partly-conformance.invalid/spec.json';
const PUBLISHED_ID = 'https://partly-conformance.invalid/spec-published.json';

/** A validator for the full schema and one for its published-facts-only form. */
export interface SplitValidator {
  full: ValidateFunction;
  published: ValidateFunction;
}

/** Builds the Ajv instance every catalogue uses: JSON Schema 2020-12, formats, no strict mode. */
export function createAjv(): Ajv2020 {
  // Strict mode rejects the OpenAPI vendor keys (`x-*`) as unknown keywords, and allErrors
  // reports every break of a response rather than the first.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormatsModule.default(ajv);
  return ajv;
}

/** Escapes one JSON pointer token and makes it safe inside a URI fragment. */
export function pointerToken(token: string): string {
  return encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1'));
}

/** JSON pointer of a schema slot inside the document, from its path of tokens. */
export function schemaPointer(tokens: readonly string[]): string {
  return `#/${tokens.map(pointerToken).join('/')}`;
}

/**
 * Registers both forms of a document with Ajv. Schemas are later compiled as `$ref`s into them,
 * not as dereferenced objects: Ajv overflows its stack on cyclic objects, but follows cyclic
 * `$ref`s.
 */
export function addDocuments(ajv: Ajv2020, full: JsonObject, published: JsonObject): void {
  ajv.addSchema({ $id: FULL_ID, components: full.components, paths: full.paths });
  ajv.addSchema({ $id: PUBLISHED_ID, components: published.components, paths: published.paths });
}

/** Compiles the full form of the schema at a pointer; Ajv throws if it cannot. */
export function compileFull(ajv: Ajv2020, pointer: string): ValidateFunction {
  return ajv.compile({ $ref: `${FULL_ID}${pointer}` });
}

/** Compiles the full and the published form of the schema at a pointer. */
export function compileSplit(ajv: Ajv2020, pointer: string): SplitValidator {
  return {
    full: compileFull(ajv, pointer),
    published: ajv.compile({ $ref: `${PUBLISHED_ID}${pointer}` }),
  };
}

function toIssue(error: ErrorObject): SchemaIssue {
  return {
    keyword: error.keyword,
    instancePath: error.instancePath,
    schemaPath: error.schemaPath,
    message: error.message ?? `fails ${error.keyword}`,
    params: { ...error.params },
  };
}

/** Runs a validator and returns its errors as plain records; a value that passes gives []. */
export function collectIssues(validate: ValidateFunction, value: unknown): SchemaIssue[] {
  return validate(value) ? [] : (validate.errors ?? []).map(toIssue);
}

function issueKey(issue: SchemaIssue): string {
  return `${issue.instancePath}\u0000${issue.keyword}\u0000${JSON.stringify(issue.params)}`;
}

/**
 * Validates against both forms. What the published form rejects is a failure; what only the full
 * form rejects is a warning.
 */
export function validateSplit(validator: SplitValidator, value: unknown): SchemaValidation {
  const all = collectIssues(validator.full, value);
  if (all.length === 0) {
    return { failures: [], warnings: [] };
  }
  const failures = collectIssues(validator.published, value);
  const failed = new Set(failures.map(issueKey));
  const warnings = all.filter((issue) => !failed.has(issueKey(issue)));
  return { failures, warnings };
}
