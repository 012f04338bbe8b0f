import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeExchange } from '../../../src/checks/index.js';
import type { CaseInfo, CheckContext, FindingDraft } from '../../../src/checks/types.js';
import type { Exchange, ExchangeResponse, TransportError } from '../../../src/http/types.js';
import type { Catalogue, MethodEntry } from '../../../src/spec/types.js';
import { loadProjectCatalogue, makeMethod, makeVariant } from './support.js';

const RUNS = 400;

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await loadProjectCatalogue();
});

const TRANSPORT_CODES = [
  'connect-timeout',
  'headers-timeout',
  'body-timeout',
  'total-timeout',
  'connection-reset',
  'connection-refused',
  'connection-failed',
  'body-too-large',
  'invalid-response',
  'aborted',
  'budget-exhausted',
  'a-code-added-later',
];

const statusArbitrary = fc.oneof(
  fc.constantFrom(200, 201, 204, 302, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503),
  fc.integer({ min: 0, max: 999 }),
);

const contentTypeArbitrary = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/html',
  '',
  ';',
  'APPLICATION/JSON;',
);

const headersArbitrary = fc.tuple(
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 4 }),
  fc.option(contentTypeArbitrary, { nil: undefined }),
);

/** A JSON value, seeded with the names the checks look for so that their branches run. */
const jsonArbitrary = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      type: fc.oneof(
        fc.constantFrom('not_found', 'unauthorized', 'forbidden', 'missing'),
        fc.jsonValue(),
      ),
      x_extension: fc.oneof(fc.constant(true), fc.jsonValue()),
      offers: fc.array(
        fc.dictionary(fc.constantFrom('currency', 'currency_code', 'price', 'id'), fc.jsonValue(), {
          maxKeys: 3,
        }),
        { maxLength: 3 },
      ),
      currency: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom('not_found', 'unauthorized', 'forbidden', 'unprocessable'),
);

interface BodyParts {
  bodyText: string;
  json?: unknown;
  jsonError?: string;
}

const bodyArbitrary: fc.Arbitrary<BodyParts> = fc.oneof(
  jsonArbitrary.map((json) => ({ bodyText: JSON.stringify(json), json })),
  fc.string().map((text) => ({ bodyText: text, jsonError: 'not json' })),
  fc.constant({ bodyText: '' }),
);

const errorArbitrary: fc.Arbitrary<TransportError | undefined> = fc.option(
  fc.record({
    code: fc.constantFrom(...TRANSPORT_CODES),
    message: fc.string(),
  }) as fc.Arbitrary<TransportError>,
  { nil: undefined },
);

const responseArbitrary: fc.Arbitrary<ExchangeResponse> = fc
  .record({
    status: statusArbitrary,
    headers: headersArbitrary,
    body: bodyArbitrary,
    duplicateKeys: fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }),
  })
  .map(({ status, headers: [extra, contentType], body, duplicateKeys }) => {
    const headers = contentType === undefined ? extra : { ...extra, 'content-type': contentType };
    const response: ExchangeResponse = {
      status,
      headers,
      ...body,
      bodyBytes: body.bodyText.length,
    };
    if (duplicateKeys !== undefined) {
      response.duplicateKeys = duplicateKeys;
    }
    return response;
  });

/** Responses that break the record's own types: what a buggy client or a replay file may hold. */
const malformedResponseArbitrary = fc
  .record(
    {
      status: fc.anything(),
      headers: fc.anything(),
      bodyText: fc.anything(),
      bodyBytes: fc.anything(),
      json: fc.anything({
        withBigInt: true,
        withNullPrototype: true,
        withBoxedValues: true,
        withMap: true,
      }),
      jsonError: fc.anything(),
      duplicateKeys: fc.anything(),
    },
    { requiredKeys: [] },
  )
  .map((record) => record as unknown as ExchangeResponse);

function exchangeArbitrary(response: fc.Arbitrary<ExchangeResponse>): fc.Arbitrary<Exchange> {
  return fc
    .record({ response: fc.option(response, { nil: undefined }), error: errorArbitrary })
    .map(({ response: received, error }) => {
      const exchange: Exchange = {
        id: 'exchange-1',
        request: {
          method: 'test.method',
          url: 'http://127.0.0.1:1/',
          verb: 'POST',
          headers: {},
          body: '{}',
        },
        startedAt: '2026-01-01T00:00:00.000Z',
        durationMs: 1,
      };
      if (received !== undefined) {
        exchange.response = received;
      }
      if (error !== undefined) {
        exchange.error = error;
      }
      return exchange;
    });
}

const caseArbitrary: fc.Arbitrary<CaseInfo> = fc
  .record({
    kind: fc.constantFrom('valid', 'invalid', 'auth', 'probe', 'sequence'),
    credential: fc.constantFrom('repairer', 'supplier', 'minted', 'none', 'wrong'),
    inferredOnly: fc.boolean(),
    referencesExist: fc.boolean(),
  })
  .map((fields) => ({ id: 'case-1', ...fields }) as CaseInfo);

const handMadeMethodArbitrary: fc.Arbitrary<MethodEntry> = fc
  .record({
    role: fc.constantFrom('repairer', 'supplier', 'any', 'none'),
    roleInferred: fc.boolean(),
    extension: fc.boolean(),
    errorStyle: fc.constantFrom('tagged', 'bare-string'),
    variants: fc.array(
      fc.record({
        name: fc.constantFrom(
          'unauthorized',
          'forbidden',
          'not_found',
          'bad_request',
          'unprocessable',
        ),
        status: fc.integer({ min: 100, max: 599 }),
        statusInferred: fc.boolean(),
        membershipInferred: fc.boolean(),
      }),
      { maxLength: 5 },
    ),
    name: fc.constantFrom('test.method', 'repairer.jobs.baskets.latest.get'),
  })
  .map((fields) =>
    makeMethod({
      ...fields,
      variants: fields.variants.map((variant) =>
        makeVariant(variant.name, variant.status, {
          status: variant.statusInferred,
          membership: variant.membershipInferred,
        }),
      ),
    } as Partial<MethodEntry>),
  );

function methodArbitrary(): fc.Arbitrary<MethodEntry> {
  return fc.oneof(fc.constantFrom(...catalogue.methods), handMadeMethodArbitrary);
}

function expectWellFormed(finding: FindingDraft): void {
  expect(['failure', 'warning']).toContain(finding.severity);
  for (const text of [finding.message, finding.expected, finding.actual, finding.pointer]) {
    expect(typeof text).toBe('string');
  }
  expect(finding.message).not.toBe('');
}

/** Judges leniently and strictly, and asserts the outcomes keep their promises. */
function judgeBothWays(context: CheckContext): void {
  const lenient = judgeExchange(context, false);
  const strict = judgeExchange(context, true);
  expect(strict.map((entry) => entry.evidence)).toEqual(lenient.map((entry) => entry.evidence));
  for (const entry of [...lenient, ...strict]) {
    expect(typeof entry.evidence).toBe('boolean');
    if (!entry.evidence) {
      expect(entry.findings).toEqual([]);
    }
    entry.findings.forEach(expectWellFormed);
  }
  // Strict leaves only the warnings on responses the contract leaves open.
  for (const entry of strict) {
    for (const finding of entry.findings) {
      expect(finding.severity === 'failure' || finding.contractOpen === true).toBe(true);
    }
  }
  if (context.exchange.response?.status === 429) {
    expect(lenient.every((entry) => !entry.evidence)).toBe(true);
  }
}

describe('exchange checks on arbitrary exchanges', () => {
  it('never throw on well-formed records', () => {
    fc.assert(
      fc.property(
        methodArbitrary(),
        exchangeArbitrary(responseArbitrary),
        caseArbitrary,
        (method, exchange, caseInfo) => {
          judgeBothWays({ method, exchange, case: caseInfo });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never throw on malformed records', () => {
    fc.assert(
      fc.property(
        methodArbitrary(),
        exchangeArbitrary(malformedResponseArbitrary),
        caseArbitrary,
        (method, exchange, caseInfo) => {
          judgeBothWays({ method, exchange, case: caseInfo });
        },
      ),
      { numRuns: RUNS },
    );
  });
});
