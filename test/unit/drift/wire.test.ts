import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWireObserver, MAX_OBSERVATIONS_PER_METHOD } from '../../../src/drift/wire.js';
import type { Exchange } from '../../../src/http/types.js';
import type { MethodEntry } from '../../../src/spec/types.js';

const FIXTURE = new URL('../../fixtures/drift/pinned.openapi.json', import.meta.url);

let document: OpenAPIV3_1.Document;

beforeAll(async () => {
  const parsed = JSON.parse(readFileSync(FIXTURE, 'utf8')) as OpenAPIV3_1.Document;
  document = (await SwaggerParser.dereference(parsed)) as OpenAPIV3_1.Document;
});

function responseSchemaOf(name: string): unknown {
  const operation = document.paths?.[`/api/2026-01/${name}`]?.post;
  const response = operation?.responses?.['200'] as OpenAPIV3_1.ResponseObject | undefined;
  return response?.content?.['application/json']?.schema;
}

const NO_ISSUES = { failures: [], warnings: [] };

/** A method entry with only what the observer reads filled in from the fixture spec. */
function methodEntry(name: string, options: { extension?: boolean } = {}): MethodEntry {
  return {
    name,
    path: `/api/2026-01/${name}`,
    operationId: name,
    role: 'repairer',
    roleInferred: false,
    extension: options.extension ?? false,
    mutates: false,
    errorStyle: 'tagged',
    variants: [
      { name: 'unauthorized', status: 401, statusInferred: false, membershipInferred: false },
      { name: 'forbidden', status: 403, statusInferred: false, membershipInferred: false },
      { name: 'not_found', status: 404, statusInferred: false, membershipInferred: false },
    ],
    requestSchema: {},
    responseSchema: responseSchemaOf(name) as MethodEntry['responseSchema'],
    examples: [],
    validateRequest: () => NO_ISSUES,
    validateResponse: () => NO_ISSUES,
    validateError: () => [],
  };
}

let exchangeCount = 0;

function exchange(status: number, json: unknown): Exchange {
  exchangeCount += 1;
  return {
    id: `exchange-${exchangeCount}`,
    request: {
      method: 'repairer.jobs.get',
      url: 'http://127.0.0.1:1/api/2026-01/repairer.jobs.get',
      verb: 'POST',
      headers: {},
      body: '{}',
    },
    response: {
      status,
      headers: { 'content-type': 'application/json' },
      bodyText: JSON.stringify(json),
      json,
      bodyBytes: JSON.stringify(json).length,
    },
    startedAt: '2026-12-01T02:00:00.000Z',
    durationMs: 5,
  };
}

const JOB = {
  id: '0d000000-0000-4000-8000-000000000001',
  images: [{ id: '0e000000-0000-4000-8000-000000000001', url: 'https://cdn.invalid/a.jpg' }],
  repairer_site_id: '0b000000-0000-4000-8000-000000000001',
  external_id: 'CCC-2026-04817',
  vehicle: { vin: 'JTDBR32E730012345', make: 'Toyota' },
};

describe('wire observer', () => {
  it('records nothing for a documented response', () => {
    const observer = createWireObserver();
    observer.observe(methodEntry('repairer.jobs.get'), exchange(200, JOB));
    observer.observe(methodEntry('repairer.jobs.get'), exchange(404, { type: 'not_found' }));
    expect(observer.snapshot()).toEqual([]);
  });

  it('records fields the spec does not know, with array indexes as *', () => {
    const observer = createWireObserver();
    const body = {
      ...JOB,
      status: 'open',
      images: [{ id: JOB.images[0]?.id, width: 640 }, { height: 480 }],
      vehicle: { ...JOB.vehicle, colour: 'red' },
    };
    observer.observe(methodEntry('repairer.jobs.get'), exchange(200, body));
    const [observation] = observer.snapshot();
    expect(observation?.method).toBe('repairer.jobs.get');
    expect(observation?.undocumentedFields).toEqual([
      '/images/*/height',
      '/images/*/width',
      '/status',
      '/vehicle/colour',
    ]);
    expect(observation?.strayExtensionMarker).toBe(false);
  });

  it('records an undocumented status and variant', () => {
    const observer = createWireObserver();
    observer.observe(methodEntry('repairer.jobs.get'), exchange(418, { type: 'teapot' }));
    observer.observe(methodEntry('repairer.jobs.get'), exchange(400, { type: 'bad_request' }));
    const [observation] = observer.snapshot();
    expect(observation?.undocumentedStatuses).toEqual([400, 418]);
    expect(observation?.undocumentedVariants).toEqual(['bad_request', 'teapot']);
  });

  it('records a stray extension marker on a wire method', () => {
    const observer = createWireObserver();
    observer.observe(
      methodEntry('repairer.jobs.get'),
      exchange(200, { ...JOB, x_extension: true }),
    );
    const [observation] = observer.snapshot();
    expect(observation?.strayExtensionMarker).toBe(true);
    expect(observation?.undocumentedFields).toEqual(['/x_extension']);
  });

  it('accepts the marker on an extension method', () => {
    const observer = createWireObserver();
    const entry = methodEntry('repairer.jobs.get', { extension: true });
    observer.observe(entry, exchange(404, { type: 'not_found', x_extension: true }));
    expect(observer.snapshot()).toEqual([]);
  });

  it('walks nullable alternatives and nested lists', () => {
    const observer = createWireObserver();
    const procurement = responseSchemaOf('repairer.procurements.list');
    expect(procurement).toBeDefined();
    const body = {
      items: [
        {
          id: '10000000-0000-4000-8000-000000000001',
          currency_code: null,
          source_items: [{ id: '11000000-0000-4000-8000-000000000001', colour: 'blue' }],
          supplier_business: { id: '0b000000-0000-4000-8000-000000000010', rating: 5 },
        },
      ],
    };
    observer.observe(methodEntry('repairer.procurements.list'), exchange(200, body));
    const [observation] = observer.snapshot();
    expect(observation?.undocumentedFields).toEqual([
      '/items/*/source_items/*/colour',
      '/items/*/supplier_business/rating',
    ]);
  });

  it('ignores exchanges without a response', () => {
    const observer = createWireObserver();
    const failed = exchange(200, {});
    delete failed.response;
    failed.error = { code: 'connection-refused', message: 'connect ECONNREFUSED' };
    observer.observe(methodEntry('repairer.jobs.get'), failed);
    expect(observer.snapshot()).toEqual([]);
  });

  it('reports the same fields when shapes repeat', () => {
    const observer = createWireObserver();
    const entry = methodEntry('repairer.jobs.get');
    const body = { ...JOB, images: [{ id: JOB.images[0]?.id, width: 640 }], status: 'open' };
    for (let round = 0; round < 5; round += 1) {
      observer.observe(entry, exchange(200, body));
    }
    const [observation] = observer.snapshot();
    expect(observation?.undocumentedFields).toEqual(['/images/*/width', '/status']);
  });

  it('walks a map with more keys than it keeps schemas for', () => {
    const observer = createWireObserver();
    const entry = {
      ...methodEntry('test.map'),
      responseSchema: {
        type: 'object',
        properties: {
          prices: {
            type: 'object',
            additionalProperties: { type: 'object', properties: { amount: { type: 'string' } } },
          },
        },
      },
    };
    for (let round = 0; round < 2; round += 1) {
      const prices = Object.fromEntries(
        Array.from({ length: 300 }, (_, index) => [
          `sku/${round}~${index}`,
          index === 299 ? { amount: '1.00', tax: '0.15' } : { amount: '1.00' },
        ]),
      );
      observer.observe(entry, exchange(200, { prices }));
    }
    const [observation] = observer.snapshot();
    expect(observation?.undocumentedFields).toEqual([
      '/prices/sku~10~0299/tax',
      '/prices/sku~11~0299/tax',
    ]);
  });

  it('caps the fields kept per method', () => {
    const observer = createWireObserver();
    const entry = methodEntry('repairer.jobs.get');
    for (let round = 0; round < 3; round += 1) {
      const extra = Object.fromEntries(
        Array.from({ length: 60 }, (_, index) => [`extra_${round}_${index}`, index]),
      );
      observer.observe(entry, exchange(200, { ...JOB, ...extra }));
    }
    const [observation] = observer.snapshot();
    expect(observation?.undocumentedFields).toHaveLength(MAX_OBSERVATIONS_PER_METHOD);
  });
});
