import { fileURLToPath } from 'node:url';
import type { AnySchema, ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';
import type {
  CaseInfo,
  Check,
  CheckContext,
  CheckOutcome,
  FindingDraft,
  Severity,
} from '../../../src/checks/types.js';
import type { Exchange, ExchangeResponse, TransportError } from '../../../src/http/types.js';
import { loadCatalogue } from '../../../src/spec/index.js';
import type {
  Catalogue,
  ErrorVariant,
  MethodEntry,
  SchemaIssue,
  SchemaValidation,
} from '../../../src/spec/types.js';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The response of a test exchange. Every field has a plain default. */
export interface ExchangeOptions {
  /** Default 200. */
  status?: number;
  /** Sent JSON-encoded. Leave it out for an empty body. */
  body?: unknown;
  /** Sent as given and parsed if it is JSON, for bodies that are not. */
  rawBody?: string;
  /** Default `content-type: application/json; charset=utf-8`. */
  headers?: Record<string, string>;
  /** A transport error. The response stays unless `noResponse` is set too. */
  error?: TransportError;
  noResponse?: boolean;
  /** Overrides the JSON parse error, as the client records invalid UTF-8. */
  jsonError?: string;
  duplicateKeys?: string[];
}

/** Builds an exchange of `test.method` as the HTTP client would record it. */
export function makeExchange(options: ExchangeOptions = {}): Exchange {
  const exchange: Exchange = {
    id: 'exchange-1',
    request: {
      method: 'test.method',
      url: 'http://127.0.0.1:1/api/2026-01/test.method',
      verb: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
  };
  if (options.error !== undefined) {
    exchange.error = options.error;
  }
  if (options.noResponse !== true) {
    exchange.response = makeResponse(options);
  }
  return exchange;
}

function makeResponse(options: ExchangeOptions): ExchangeResponse {
  const bodyText =
    options.rawBody ?? (options.body === undefined ? '' : JSON.stringify(options.body));
  const response: ExchangeResponse = {
    status: options.status ?? 200,
    headers: options.headers ?? { 'content-type': JSON_CONTENT_TYPE },
    bodyText,
    bodyBytes: Buffer.byteLength(bodyText),
  };
  if (bodyText !== '') {
    parseInto(response, bodyText);
  }
  if (options.jsonError !== undefined) {
    delete response.json;
    response.jsonError = options.jsonError;
  }
  if (options.duplicateKeys !== undefined) {
    response.duplicateKeys = options.duplicateKeys;
  }
  return response;
}

function parseInto(response: ExchangeResponse, text: string): void {
  try {
    response.json = JSON.parse(text);
  } catch (error) {
    response.jsonError = (error as Error).message;
  }
}

/** Builds a case. The default is a valid case sent with the repairer credential. */
export function makeCase(overrides: Partial<CaseInfo> = {}): CaseInfo {
  return { id: 'case-1', kind: 'valid', credential: 'repairer', ...overrides };
}

/** Builds a variant whose status and membership are published unless marked inferred. */
export function makeVariant(
  name: string,
  status: number,
  inferred: { status?: boolean; membership?: boolean } = {},
): ErrorVariant {
  return {
    name,
    status,
    statusInferred: inferred.status ?? false,
    membershipInferred: inferred.membership ?? false,
  };
}

/** Options of a hand-built method entry, with response schemas in place of a validator. */
export interface MethodOptions extends Partial<Omit<MethodEntry, 'validateResponse'>> {
  /** Published facts only: what this schema rejects is a failure. Default: any object. */
  responseSchema?: AnySchema;
  /** Published and inferred facts: what only this schema rejects is a warning. */
  fullResponseSchema?: AnySchema;
}

/**
 * Builds a small method entry by hand: a tagged repairer wire method with the union
 * unauthorized 401, forbidden 403, not_found 404.
 */
export function makeMethod(options: MethodOptions = {}): MethodEntry {
  const { fullResponseSchema, ...overrides } = options;
  const responseSchema = options.responseSchema ?? { type: 'object' };
  const validateResponse = splitValidator(responseSchema, fullResponseSchema ?? responseSchema);
  return {
    name: 'test.method',
    path: '/api/2026-01/test.method',
    operationId: 'test.method',
    role: 'repairer',
    roleInferred: false,
    extension: false,
    mutates: false,
    errorStyle: 'tagged',
    variants: [
      makeVariant('unauthorized', 401),
      makeVariant('forbidden', 403),
      makeVariant('not_found', 404),
    ],
    requestSchema: {},
    examples: [],
    validateRequest: () => ({ failures: [], warnings: [] }),
    validateError: () => [],
    ...overrides,
    responseSchema,
    validateResponse,
  };
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormatsModule.default(ajv);

/** Validates against two schemas: breaks of `published` fail, breaks only `full` finds warn. */
function splitValidator(
  published: AnySchema,
  full: AnySchema,
): (value: unknown) => SchemaValidation {
  const validatePublished = ajv.compile(published);
  const validateFull = ajv.compile(full);
  return (value) => {
    const failures = validatePublished(value) ? [] : toIssues(validatePublished.errors);
    const allIssues = validateFull(value) ? [] : toIssues(validateFull.errors);
    const failed = new Set(failures.map(issueKey));
    return { failures, warnings: allIssues.filter((issue) => !failed.has(issueKey(issue))) };
  };
}

function toIssues(errors: ErrorObject[] | null | undefined): SchemaIssue[] {
  return (errors ?? []).map((error) => ({
    keyword: error.keyword,
    instancePath: error.instancePath,
    schemaPath: error.schemaPath,
    message: error.message ?? '',
    params: { ...error.params },
  }));
}

function issueKey(issue: SchemaIssue): string {
  return `${issue.instancePath} ${issue.keyword} ${JSON.stringify(issue.params)}`;
}

/** Puts a method, an exchange and a case together. */
export function makeContext(
  method: MethodEntry,
  exchange: Exchange,
  caseInfo: CaseInfo = makeCase(),
): CheckContext {
  return { exchange, method, case: caseInfo };
}

/** Judges with one check. */
export function judge(
  check: Check,
  method: MethodEntry,
  exchange: Exchange,
  caseInfo?: CaseInfo,
): CheckOutcome {
  return check.judge(makeContext(method, exchange, caseInfo));
}

/** Asserts the check judged the exchange and found nothing. */
export function expectPass(outcome: CheckOutcome): void {
  expect(outcome.evidence).toBe(true);
  expect(outcome.findings).toEqual([]);
}

/** Asserts the check could not judge the exchange, and so found nothing. */
export function expectNoEvidence(outcome: CheckOutcome): void {
  expect(outcome.evidence).toBe(false);
  expect(outcome.findings).toEqual([]);
}

/** Asserts exactly one finding of the given severity and returns it. */
export function expectOneFinding(outcome: CheckOutcome, severity: Severity): FindingDraft {
  expect(outcome.evidence).toBe(true);
  expect(outcome.findings).toHaveLength(1);
  const [finding] = outcome.findings;
  expect(finding?.severity).toBe(severity);
  return finding as FindingDraft;
}

const SPEC = fileURLToPath(new URL('../../../spec/partly-2026-01.openapi.json', import.meta.url));
const EXTENSIONS_SPEC = fileURLToPath(
  new URL('../../../spec/partly-2026-01.extensions.openapi.json', import.meta.url),
);

/** Loads the project's pinned catalogue: the 14 wire methods and the 3 extensions. */
export function loadProjectCatalogue(): Promise<Catalogue> {
  return loadCatalogue({ spec: SPEC, extensionsSpec: EXTENSIONS_SPEC });
}

/** Returns a method of a loaded catalogue, failing the test when it is missing. */
export function catalogueMethod(catalogue: Catalogue, name: string): MethodEntry {
  const method = catalogue.byName.get(name);
  if (method === undefined) {
    throw new Error(`Method ${name} is not in the catalogue; check the spec files under spec/`);
  }
  return method;
}
