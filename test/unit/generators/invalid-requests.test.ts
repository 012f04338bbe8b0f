import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type InvalidRequest,
  invalidRequests,
  MUTATION_CLASSES,
  type MutationClass,
} from '../../../generators/index.js';
import { valueAt } from '../../../generators/json-pointer.js';
import type { Catalogue, MethodEntry } from '../../../src/spec/types.js';
import {
  freshContext,
  handWrittenMethod,
  JOB_METHODS,
  loadTestCatalogue,
  METHOD_NAMES,
  methodOf,
  richContext,
  TEST_GRANT,
} from './support.js';

const SHARED: MutationClass[] = ['non-object-body', 'malformed-json'];
const JOB_IDENTITY: MutationClass[] = [
  'required-removed',
  'wrong-type',
  'format-uuid',
  'identity-both',
  'identity-neither',
];
const PROCUREMENT_IDENTITY: MutationClass[] = ['required-removed', 'wrong-type', 'format-uuid'];

/** The mutation classes that apply to each method's request schema, worked out by hand. */
const EXPECTED_CLASSES: Record<string, MutationClass[]> = {
  'businesses.list': SHARED,
  'integrations.insert': ['required-removed', 'wrong-type', ...SHARED],
  'repairer.jobs.baskets.latest.get': [...JOB_IDENTITY, ...SHARED],
  'repairer.jobs.get': [...JOB_IDENTITY, ...SHARED],
  'repairer.jobs.insert': [...JOB_IDENTITY, ...SHARED],
  'repairer.jobs.parts.insert': [
    ...JOB_IDENTITY,
    'number-out-of-range',
    'string-too-short',
    ...SHARED,
  ],
  'repairer.jobs.parts.list': [...JOB_IDENTITY, ...SHARED],
  'repairer.procurements.get': [...PROCUREMENT_IDENTITY, ...SHARED],
  'repairer.procurements.list': [...JOB_IDENTITY, ...SHARED],
  'repairer.work-providers.list': SHARED,
  'supplier.procurements.confirm': [...PROCUREMENT_IDENTITY, ...SHARED],
  'supplier.procurements.get': [...PROCUREMENT_IDENTITY, ...SHARED],
  'tier1.prepare': [
    'required-removed',
    'wrong-type',
    'identity-both',
    'identity-neither',
    'array-too-short',
    'array-too-long',
    ...SHARED,
  ],
  'uploads.prepare': ['required-removed', 'wrong-type', ...SHARED],
  'repairer.procurements.insert': [
    ...JOB_IDENTITY,
    'array-too-short',
    'number-out-of-range',
    ...SHARED,
  ],
  'repairer.procurements.invoices.list': [...JOB_IDENTITY, ...SHARED],
  'repairer.procurements.invoices.get': ['required-removed', 'wrong-type', ...SHARED],
};

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await loadTestCatalogue();
});

function inOrder(classes: readonly MutationClass[]): MutationClass[] {
  return MUTATION_CLASSES.filter((name) => classes.includes(name));
}

function isRaw(request: InvalidRequest): request is InvalidRequest & { body: { raw: string } } {
  return request.mutation === 'malformed-json';
}

/** Asserts that a case is invalid for the reason it claims, and that its flags agree. */
function expectProvedInvalid(method: MethodEntry, request: InvalidRequest): void {
  const label = `${method.name} ${request.description}`;
  if (isRaw(request)) {
    expect(() => JSON.parse(request.body.raw), label).toThrow();
    expect(request.inferredOnly).toBe(false);
    return;
  }
  const validation = method.validateRequest(request.body);
  const issues = [...validation.failures, ...validation.warnings];
  expect(issues.length, label).toBeGreaterThan(0);
  const intended = issues.filter(
    (issue) => issue.keyword === request.keyword && issue.instancePath === request.pointer,
  );
  expect(intended.length, `${label}: ${JSON.stringify(issues)}`).toBeGreaterThan(0);
  expect(request.inferredOnly, label).toBe(
    validation.failures.length === 0 && validation.warnings.length > 0,
  );
}

describe('invalidRequests', () => {
  for (const name of METHOD_NAMES) {
    describe(name, () => {
      it('gives the same cases for the same seed', () => {
        const method = methodOf(catalogue, name);
        fc.assert(
          fc.property(fc.integer(), (seed) => {
            const first = invalidRequests(method, richContext(), { seed, count: 20 });
            const second = invalidRequests(method, richContext(), { seed, count: 20 });
            expect(second).toEqual(first);
          }),
          { numRuns: 5, seed: 42 },
        );
      });

      it('fails the schema on the intended keyword', () => {
        const method = methodOf(catalogue, name);
        fc.assert(
          fc.property(fc.integer(), (seed) => {
            const requests = invalidRequests(method, richContext(), { seed, count: 40 });
            expect(requests).toHaveLength(40);
            for (const request of requests) {
              expectProvedInvalid(method, request);
            }
          }),
          { numRuns: 5, seed: 42 },
        );
      });

      it('covers every class that applies with a small count', () => {
        const method = methodOf(catalogue, name);
        const expected = inOrder(EXPECTED_CLASSES[name] ?? []);
        for (const seed of [1, 2, 3]) {
          const requests = invalidRequests(method, freshContext(), {
            seed,
            count: expected.length,
          });
          expect(requests.map((request) => request.mutation)).toEqual(expected);
        }
      });
    });
  }

  it('sends 0 and 101 tier1 identifiers', () => {
    const method = methodOf(catalogue, 'tier1.prepare');
    const requests = invalidRequests(method, freshContext(), { seed: 42, count: 20 });
    const counts = requests
      .filter((request) => request.mutation.startsWith('array-too-'))
      .map((request) => (request.body as { identifiers: unknown[] }).identifiers.length);
    expect(counts).toContain(0);
    expect(counts).toContain(101);
    for (const request of requests.filter((entry) => entry.mutation.startsWith('array-too-'))) {
      expect(request.pointer).toBe('/identifiers');
      expect(request.inferredOnly).toBe(false);
    }
  });

  it('sends both and neither job identity', () => {
    for (const name of JOB_METHODS) {
      const method = methodOf(catalogue, name);
      const requests = invalidRequests(method, richContext(), { seed: 42, count: 40 });
      const both = requests.filter((request) => request.mutation === 'identity-both');
      const neither = requests.filter((request) => request.mutation === 'identity-neither');
      expect(both.length, name).toBeGreaterThan(0);
      expect(neither.length, name).toBeGreaterThan(0);
      if (name === 'repairer.procurements.invoices.list') {
        continue;
      }
      for (const request of both) {
        const identity = valueAt(request.body, [request.pointer.slice(1)]);
        expect(identity, name).toHaveProperty('id');
        expect(identity, name).toHaveProperty('external');
      }
      for (const request of neither) {
        expect(valueAt(request.body, [request.pointer.slice(1)]), name).toEqual({});
      }
    }
  });

  it('sends both and neither invoice selector', () => {
    const method = methodOf(catalogue, 'repairer.procurements.invoices.list');
    const requests = invalidRequests(method, richContext(), { seed: 42, count: 60 });
    const atRoot = requests.filter((request) => request.pointer === '');
    const both = atRoot.find((request) => request.mutation === 'identity-both');
    const neither = atRoot.find((request) => request.mutation === 'identity-neither');
    expect(Object.keys(both?.body ?? {}).sort()).toEqual(['job_identity', 'procurement_identity']);
    expect(neither?.body).toEqual({});
  });

  it('sends every kind of non-object body', () => {
    const method = methodOf(catalogue, 'businesses.list');
    const requests = invalidRequests(method, freshContext(), { seed: 42, count: 16 });
    const bodies = requests
      .filter((request) => request.mutation === 'non-object-body')
      .map((request) => JSON.stringify(request.body));
    expect(new Set(bodies)).toEqual(new Set(['[]', '"text"', '42', 'null']));
  });

  it('marks breaks of inferred constraints only', () => {
    const method = methodOf(catalogue, 'repairer.jobs.parts.insert');
    const requests = invalidRequests(method, freshContext(), { seed: 42, count: 60 });
    const ranges = requests.filter((request) => request.mutation === 'number-out-of-range');
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.every((request) => request.inferredOnly)).toBe(true);
    const types = requests.filter((request) => request.mutation === 'wrong-type');
    expect(types.some((request) => !request.inferredOnly)).toBe(true);
  });

  it('keeps the grant out of install cases', () => {
    const method = methodOf(catalogue, 'integrations.insert');
    const requests = invalidRequests(method, freshContext(), { seed: 42, count: 40 });
    for (const request of requests) {
      for (const secret of Object.values(TEST_GRANT)) {
        expect(JSON.stringify(request)).not.toContain(secret);
      }
    }
  });

  it('returns nothing for a count of zero', () => {
    const method = methodOf(catalogue, 'repairer.jobs.get');
    expect(invalidRequests(method, freshContext(), { seed: 1, count: 0 })).toEqual([]);
  });
});

describe('invalidRequests on hand-written schemas', () => {
  const method = handWrittenMethod('test.everything', {
    type: 'object',
    required: ['kind', 'version', 'at', 'count', 'name', 'tags'],
    properties: {
      kind: { type: 'string', enum: ['a', 'b'] },
      version: { const: 2 },
      at: { type: 'string', format: 'date-time' },
      count: { type: 'integer', minimum: 1, maximum: 9 },
      name: { type: 'string', minLength: 2, 'x-provenance': 'inferred' },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
    },
  });

  it('covers enum, const, date-time and bounds', () => {
    const requests = invalidRequests(method, freshContext(), { seed: 3, count: 40 });
    expect(new Set(requests.map((request) => request.mutation))).toEqual(
      new Set<MutationClass>([
        'required-removed',
        'wrong-type',
        'enum-violated',
        'const-violated',
        'format-date-time',
        'array-too-long',
        'number-out-of-range',
        'string-too-short',
        'non-object-body',
        'malformed-json',
      ]),
    );
    for (const request of requests) {
      expectProvedInvalid(method, request);
    }
  });

  it('marks a break under an inferred node', () => {
    const requests = invalidRequests(method, freshContext(), { seed: 3, count: 40 });
    const short = requests.filter((request) => request.mutation === 'string-too-short');
    expect(short.length).toBeGreaterThan(0);
    expect(short.every((request) => request.inferredOnly)).toBe(true);
  });

  it('sends one item past maxItems', () => {
    const requests = invalidRequests(method, freshContext(), { seed: 3, count: 40 });
    for (const request of requests.filter((entry) => entry.mutation === 'array-too-long')) {
      expect((request.body as { tags: unknown[] }).tags).toHaveLength(3);
    }
  });

  it('drops a mutation that proves valid', () => {
    // A validator that accepts everything proves every mutation valid, so only malformed JSON,
    // which needs no proof, remains.
    const lenient = { ...method, validateRequest: () => ({ failures: [], warnings: [] }) };
    const requests = invalidRequests(lenient, freshContext(), { seed: 3, count: 10 });
    expect(requests.map((request) => request.mutation)).toEqual(Array(10).fill('malformed-json'));
  });
});
