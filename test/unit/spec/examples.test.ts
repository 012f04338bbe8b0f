import { describe, expect, it } from 'vitest';
import { loadPinnedCatalogue, methodOf, readSeedExamples } from './pinned-spec.js';

type Outcome = 'failure' | 'warning' | 'accepted';

/**
 * What removing one key of an example gives, where it is not a failure. Keys not listed are
 * published as required, or are the only key of an identity, so their removal is a failure.
 */
const REMOVAL_OUTCOMES: Record<string, Outcome> = {
  // Optional in the published request type.
  'repairer.jobs.insert /work_provider_id': 'accepted',
  // Part fields are known from the example only: that they are required is a guess.
  'repairer.jobs.parts.insert /parts/0/description': 'warning',
  'repairer.jobs.parts.insert /parts/0/quantity': 'warning',
  // An identifier without `vin` may still be the licence-plate form, whose shape is a guess.
  'tier1.prepare /identifiers/0/vin': 'warning',
  'repairer.procurements.insert /offer_selections/0/sellable_id': 'warning',
  'repairer.procurements.insert /offer_selections/0/supplier_business_id': 'warning',
  'repairer.procurements.insert /offer_selections/0/job_part_ids': 'warning',
  'repairer.procurements.insert /offer_selections/0/quantity': 'warning',
};

/** JSON pointers of every object key in a value, depth first. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => keyPaths(item, `${prefix}/${index}`));
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    `${prefix}/${key}`,
    ...keyPaths(item, `${prefix}/${key}`),
  ]);
}

/** Returns a deep copy of the value without the key at the pointer. */
function withoutKey(value: unknown, pointer: string): unknown {
  const copy = structuredClone(value);
  const tokens = pointer.slice(1).split('/');
  const last = tokens.pop() as string;
  let node = copy as Record<string, unknown>;
  for (const token of tokens) node = node[token] as Record<string, unknown>;
  delete node[last];
  return copy;
}

const examples = readSeedExamples();
const removals = examples.flatMap((example) =>
  keyPaths(example.body).map((pointer) => ({ example, pointer })),
);

describe('reference page examples', () => {
  it('cover every method once', async () => {
    const catalogue = await loadPinnedCatalogue();

    expect(examples).toHaveLength(17);
    expect(examples.map((example) => example.method).sort()).toEqual(
      catalogue.methods.map((method) => method.name).sort(),
    );
  });

  it.each(examples)('$method example matches its request schema', async (example) => {
    const method = methodOf(await loadPinnedCatalogue(), example.method);

    expect(method.validateRequest(example.body)).toEqual({ failures: [], warnings: [] });
  });

  it.each(examples)('$method example is the one in the spec', async (example) => {
    const method = methodOf(await loadPinnedCatalogue(), example.method);

    expect(method.examples).toEqual([example.body]);
  });

  it.each(removals)(
    '$example.method without $pointer gives the expected verdict',
    async ({ example, pointer }) => {
      const method = methodOf(await loadPinnedCatalogue(), example.method);
      const expected = REMOVAL_OUTCOMES[`${example.method} ${pointer}`] ?? 'failure';

      const result = method.validateRequest(withoutKey(example.body, pointer));

      if (expected === 'failure') {
        expect(result.failures).not.toEqual([]);
      } else if (expected === 'warning') {
        expect(result.failures).toEqual([]);
        expect(result.warnings).not.toEqual([]);
      } else {
        expect(result).toEqual({ failures: [], warnings: [] });
      }
    },
  );

  it('covers every listed removal', () => {
    const tried = new Set(removals.map(({ example, pointer }) => `${example.method} ${pointer}`));

    for (const key of Object.keys(REMOVAL_OUTCOMES)) {
      expect(tried.has(key), key).toBe(true);
    }
  });
});

describe('request constraints', () => {
  const jobIdentity = { external: 'CCC-2026-04817' };

  it('rejects a job identity with both keys or none', async () => {
    const method = methodOf(await loadPinnedCatalogue(), 'repairer.jobs.get');
    const both = { identity: { ...jobIdentity, id: '0d000000-0000-4000-8000-000000000001' } };

    expect(method.validateRequest(both).failures).not.toEqual([]);
    expect(method.validateRequest({ identity: {} }).failures).not.toEqual([]);
  });

  it('bounds tier1 identifiers to 1 to 100', async () => {
    const method = methodOf(await loadPinnedCatalogue(), 'tier1.prepare');
    const identifiers = (count: number) => ({
      identifiers: Array.from({ length: count }, () => ({ vin: 'JTDBR32E730012345' })),
    });

    expect(method.validateRequest(identifiers(0)).failures).not.toEqual([]);
    expect(method.validateRequest(identifiers(1)).failures).toEqual([]);
    expect(method.validateRequest(identifiers(100)).failures).toEqual([]);
    expect(method.validateRequest(identifiers(101)).failures).not.toEqual([]);
  });

  it('warns on a part with an empty description or no quantity', async () => {
    const method = methodOf(await loadPinnedCatalogue(), 'repairer.jobs.parts.insert');
    const withPart = (part: object) => ({ job_identity: jobIdentity, parts: [part] });

    const empty = method.validateRequest(withPart({ description: '', quantity: 1 }));
    const zero = method.validateRequest(withPart({ description: 'Bumper', quantity: 0 }));

    expect(empty.failures).toEqual([]);
    expect(empty.warnings.map((issue) => issue.keyword)).toContain('minLength');
    expect(zero.failures).toEqual([]);
    expect(zero.warnings.map((issue) => issue.keyword)).toContain('exclusiveMinimum');
  });

  it('requires exactly one invoices.list selector', async () => {
    const method = methodOf(await loadPinnedCatalogue(), 'repairer.procurements.invoices.list');
    const procurement = { id: '10000000-0000-4000-8000-000000000001' };

    expect(method.validateRequest({}).failures).not.toEqual([]);
    expect(
      method.validateRequest({ procurement_identity: procurement, job_identity: jobIdentity })
        .failures,
    ).not.toEqual([]);
    expect(method.validateRequest({ job_identity: jobIdentity })).toEqual({
      failures: [],
      warnings: [],
    });
  });

  it('accepts unknown upload kinds as strings', async () => {
    const method = methodOf(await loadPinnedCatalogue(), 'uploads.prepare');
    const body = { file_name: 'a.pdf', media_type: 'document', type: 'invoice' };

    expect(method.validateRequest(body)).toEqual({ failures: [], warnings: [] });
    expect(method.validateRequest({ ...body, media_type: 1 }).failures).not.toEqual([]);
  });
});
