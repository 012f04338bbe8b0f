import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type GeneratorContext,
  type ValidRequest,
  validRequestArbitrary,
} from '../../../generators/index.js';
import { unfilteredBodies } from '../../../generators/valid-request.js';
import { DEMO_FIXTURES } from '../../../src/config/defaults.js';
import type { Catalogue, MethodEntry } from '../../../src/spec/types.js';
import {
  allIssues,
  CREATED_JOB,
  FIXTURE_JOB_ID,
  freshContext,
  KNOWN_INVOICE,
  KNOWN_PROCUREMENT,
  loadTestCatalogue,
  METHOD_NAMES,
  methodOf,
  richContext,
  seededRandom,
  TEST_GRANT,
} from './support.js';

/** Methods whose requests name no record of the target. */
const METHODS_WITHOUT_REFERENCES = [
  'businesses.list',
  'repairer.work-providers.list',
  'tier1.prepare',
  'uploads.prepare',
];

/**
 * Methods with optional keys, arrays, free strings or numbers, whose cases shrink to smaller
 * ones. The others hold only constants and ids of fixed length, which shrink in place.
 */
const SHRINKING_METHODS = [
  'integrations.insert',
  'repairer.jobs.insert',
  'repairer.jobs.parts.insert',
  'tier1.prepare',
  'uploads.prepare',
  'repairer.procurements.insert',
];

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await loadTestCatalogue();
});

/** Generates cases the way the runner does: one seeded random source, values in turn. */
function generate(method: MethodEntry, context: GeneratorContext, seed: number, count: number) {
  const arbitrary = validRequestArbitrary(method, context);
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => arbitrary.generate(random, undefined));
}

function bodies(method: MethodEntry, context: GeneratorContext, count = 300): ValidRequest[] {
  return fc.sample(validRequestArbitrary(method, context), { seed: 42, numRuns: count });
}

/** Sums nodes, string lengths and number magnitudes: every shrink step must not grow it. */
function weight(value: unknown): number {
  if (typeof value === 'string') {
    return 1 + value.length;
  }
  if (typeof value === 'number') {
    return 1 + Math.abs(value);
  }
  if (Array.isArray(value)) {
    return value.reduce<number>((sum, item) => sum + weight(item), 1);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).reduce((sum, [key, item]) => sum + key.length + weight(item), 1);
  }
  return 1;
}

/** Ids the body names, by kind, read at the places the contract puts them. */
function referencesOf(body: unknown): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  const add = (kind: string, value: unknown) =>
    found.set(kind, [...(found.get(kind) ?? []), value]);
  const record = body as Record<string, unknown>;
  const jobIdentity = record.job_identity ?? record.identity;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'repairer_site_id') add('site', value);
    if (key === 'work_provider_id') add('work-provider', value);
    if (key === 'procurement_identity') add('procurement', value);
  }
  if (Array.isArray(record.offer_selections)) {
    for (const selection of record.offer_selections as Record<string, unknown>[]) {
      add('sellable', selection.sellable_id);
      add('supplier-business', selection.supplier_business_id);
      for (const part of selection.job_part_ids as unknown[]) add('job-part', part);
    }
  }
  if (jobIdentity !== undefined) add('identity', jobIdentity);
  return found;
}

describe('validRequestArbitrary', () => {
  it('covers the 17 methods of the catalogue', () => {
    expect(catalogue.methods.map((method) => method.name).sort()).toEqual([...METHOD_NAMES].sort());
  });

  for (const name of METHOD_NAMES) {
    describe(name, () => {
      it('gives the same cases for the same seed', () => {
        const method = methodOf(catalogue, name);
        fc.assert(
          fc.property(fc.integer(), (seed) => {
            const first = generate(method, richContext(), seed, 15).map((value) => value.value);
            const second = generate(method, richContext(), seed, 15).map((value) => value.value);
            expect(second).toEqual(first);
          }),
          { numRuns: 10, seed: 42 },
        );
      });

      it('generates bodies that pass the request schema', () => {
        const method = methodOf(catalogue, name);
        for (const context of [freshContext(), richContext()]) {
          fc.assert(
            fc.property(validRequestArbitrary(method, context), (request) => {
              expect(allIssues(method, request.body)).toEqual([]);
            }),
            { numRuns: 100, seed: 42 },
          );
        }
      });

      it('passes the schema before the final check', () => {
        const method = methodOf(catalogue, name);
        for (const referencesExist of [true, false]) {
          const arbitrary = unfilteredBodies(method, richContext(), referencesExist);
          for (const body of arbitrary === undefined
            ? []
            : fc.sample(arbitrary, { seed: 5, numRuns: 150 })) {
            expect(allIssues(method, body)).toEqual([]);
          }
        }
      });

      it('shrinks to valid cases that are no larger', () => {
        const method = methodOf(catalogue, name);
        const arbitrary = validRequestArbitrary(method, richContext());
        const random = seededRandom(9);
        let shrankSomewhere = false;
        for (let index = 0; index < 20; index += 1) {
          let current = arbitrary.generate(random, undefined);
          const start = weight(current.value.body);
          for (let step = 0; step < 50; step += 1) {
            const candidates = [...arbitrary.shrink(current.value, current.context).take(30)];
            for (const candidate of candidates) {
              expect(allIssues(method, candidate.value.body)).toEqual([]);
              expect(candidate.value.referencesExist).toBe(current.value.referencesExist);
              expect(weight(candidate.value.body)).toBeLessThanOrEqual(weight(current.value.body));
            }
            const [next] = candidates;
            if (next === undefined) {
              break;
            }
            current = next;
          }
          shrankSomewhere ||= weight(current.value.body) < start;
        }
        expect(shrankSomewhere).toBe(SHRINKING_METHODS.includes(name));
      });
    });
  }
});

describe('references of valid cases', () => {
  it('names mostly records the target holds', () => {
    for (const name of METHOD_NAMES) {
      const method = methodOf(catalogue, name);
      const share =
        bodies(method, richContext()).filter((request) => request.referencesExist).length / 300;
      if (METHODS_WITHOUT_REFERENCES.includes(name)) {
        expect(share, name).toBe(1);
      } else {
        expect(share, name).toBeGreaterThan(0.65);
        expect(share, name).toBeLessThan(0.95);
      }
    }
  });

  it('marks every case with a made-up reference', () => {
    const existing = new Set<unknown>([
      ...Object.values(DEMO_FIXTURES),
      FIXTURE_JOB_ID,
      ...Object.values(CREATED_JOB),
      KNOWN_PROCUREMENT,
      KNOWN_INVOICE,
    ]);
    const isKnown = (value: unknown): boolean => {
      if (typeof value === 'object' && value !== null) {
        return Object.values(value).every((field) => existing.has(field));
      }
      return existing.has(value);
    };
    for (const name of METHOD_NAMES.filter(
      (entry) => !METHODS_WITHOUT_REFERENCES.includes(entry),
    )) {
      if (name === 'integrations.insert') {
        continue;
      }
      const method = methodOf(catalogue, name);
      for (const request of bodies(method, richContext())) {
        const values = [...referencesOf(request.body).values()].flat();
        expect(values.every(isKnown), `${name} ${JSON.stringify(request)}`).toBe(
          request.referencesExist,
        );
      }
    }
  });

  it('keeps a selection within one job', () => {
    const method = methodOf(catalogue, 'repairer.procurements.insert');
    const fixtureJob = new Set([DEMO_FIXTURES.jobExternal, FIXTURE_JOB_ID]);
    for (const request of bodies(method, richContext()).filter((entry) => entry.referencesExist)) {
      const body = request.body as {
        job_identity: { id?: string; external?: string };
        offer_selections: { sellable_id: string; job_part_ids: string[] }[];
      };
      const named = body.job_identity.id ?? body.job_identity.external;
      const parts = body.offer_selections.flatMap((selection) => selection.job_part_ids);
      const expectedPart = fixtureJob.has(named as string)
        ? DEMO_FIXTURES.jobPartId
        : CREATED_JOB.partId;
      expect(parts.every((part) => part === expectedPart)).toBe(true);
      const sellables = body.offer_selections.map((selection) => selection.sellable_id);
      expect(new Set(sellables).size).toBe(sellables.length);
    }
  });

  it('names the fixture job by external reference and known jobs by id too', () => {
    const method = methodOf(catalogue, 'repairer.jobs.get');
    const identities = bodies(method, richContext())
      .filter((request) => request.referencesExist)
      .map((request) => JSON.stringify((request.body as { identity: unknown }).identity));
    expect(identities).toContain(JSON.stringify({ external: DEMO_FIXTURES.jobExternal }));
    expect(identities).toContain(JSON.stringify({ id: FIXTURE_JOB_ID }));
    expect(identities).toContain(JSON.stringify({ external: CREATED_JOB.external }));
    expect(identities).toContain(JSON.stringify({ id: CREATED_JOB.id }));
  });

  it('creates jobs with new external references', () => {
    const method = methodOf(catalogue, 'repairer.jobs.insert');
    const made = bodies(method, richContext()).filter((request) => !request.referencesExist);
    const externals = made
      .map((request) => (request.body as { identity: { external?: string } }).identity.external)
      .filter((external) => external?.startsWith('GEN-') && external !== CREATED_JOB.external);
    expect(externals.length).toBeGreaterThan(0);
    const ids = made.flatMap((request) => {
      const identity = (request.body as { identity: { id?: string } }).identity;
      return identity.id === undefined ? [] : [identity.id];
    });
    expect(ids.every((id) => id === FIXTURE_JOB_ID || id === CREATED_JOB.id)).toBe(true);
  });

  it('has no existing invoice before one is known', () => {
    const method = methodOf(catalogue, 'repairer.procurements.invoices.get');
    expect(bodies(method, freshContext()).every((request) => !request.referencesExist)).toBe(true);
    const known = bodies(method, richContext()).filter((request) => request.referencesExist);
    expect(known.length).toBeGreaterThan(0);
    for (const request of known) {
      expect(request.body).toEqual({ identity: { id: KNOWN_INVOICE } });
    }
  });

  it('sends the grant of the context', () => {
    const method = methodOf(catalogue, 'integrations.insert');
    const grant = {
      access_code: TEST_GRANT.accessCode,
      client_id: TEST_GRANT.clientId,
      client_secret: TEST_GRANT.clientSecret,
    };
    for (const request of bodies(method, freshContext())) {
      expect(JSON.stringify(request.body) === JSON.stringify(grant)).toBe(request.referencesExist);
    }
    const { oauth: _grant, ...withoutGrant } = freshContext();
    expect(bodies(method, withoutGrant).every((request) => !request.referencesExist)).toBe(true);
  });

  it('sends the fixture VIN and generated VINs', () => {
    const method = methodOf(catalogue, 'tier1.prepare');
    const vins = bodies(method, freshContext()).flatMap((request) =>
      (request.body as { identifiers: { vin: string }[] }).identifiers.map((entry) => entry.vin),
    );
    expect(vins).toContain(DEMO_FIXTURES.vin);
    expect(vins.some((vin) => vin !== DEMO_FIXTURES.vin)).toBe(true);
    for (const vin of vins) {
      expect(vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
    }
  });

  it('sends the documented upload kinds', () => {
    const method = methodOf(catalogue, 'uploads.prepare');
    for (const request of bodies(method, freshContext())) {
      expect(request.body).toMatchObject({ media_type: 'image', type: 'job_media' });
    }
  });

  it('reads the registry when the arbitrary is built', () => {
    const method = methodOf(catalogue, 'repairer.procurements.get');
    const context = freshContext();
    const arbitrary = validRequestArbitrary(method, context);
    const before = fc.sample(arbitrary, { seed: 1, numRuns: 100 });
    context.known.rememberProcurement(KNOWN_PROCUREMENT);
    expect(fc.sample(arbitrary, { seed: 1, numRuns: 100 })).toEqual(before);
    const rebuilt = fc.sample(validRequestArbitrary(method, context), { seed: 1, numRuns: 100 });
    const ids = rebuilt.map(
      (request) => (request.body as { identity: { id: string } }).identity.id,
    );
    expect(ids).toContain(KNOWN_PROCUREMENT);
  });

  it('rejects a fixture the schema refuses', () => {
    const method = methodOf(catalogue, 'repairer.jobs.insert');
    const context = { ...freshContext(), fixtures: { ...DEMO_FIXTURES, repairerSiteId: 'site-1' } };
    expect(() => validRequestArbitrary(method, context)).toThrow(/fixtures\.repairerSiteId/);
  });
});
