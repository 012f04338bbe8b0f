import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChunkedSample } from '../../../generators/chunked-sample.js';
import {
  type InvalidRequest,
  invalidRequests,
  MUTATION_CLASSES,
  type MutationClass,
  streamInvalidRequests,
  validRequestArbitrary,
} from '../../../generators/index.js';
import { listMutations, type Mutation } from '../../../generators/mutations.js';
import { possibleClasses } from '../../../generators/possible-classes.js';
import { schemaArbitrary } from '../../../generators/schema-arbitrary.js';
import type { GeneratorContext, JsonSchema } from '../../../generators/types.js';
import type { Catalogue, MethodEntry } from '../../../src/spec/types.js';
import {
  freshContext,
  handWrittenMethod,
  loadTestCatalogue,
  METHOD_NAMES,
  methodOf,
  richContext,
} from './support.js';

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await loadTestCatalogue();
});

/**
 * Computes the cases of `invalidRequests` the plain way: draw every base at once, list every
 * mutation of every base, then take the classes in turns. The generator draws bases in chunks
 * and skips classes its schema cannot give, and must still give exactly these cases.
 */
function eagerInvalidRequests(
  method: MethodEntry,
  context: GeneratorContext,
  seed: number,
  count: number,
): InvalidRequest[] {
  const { oauth: _grant, ...withoutGrant } = context;
  const draws = { count: 0 };
  const sampleOne = <T>(arbitrary: fc.Arbitrary<T>): T => {
    draws.count += 1;
    const drawSeed = (Math.imul(seed, 31) + Math.imul(draws.count, 0x9e3779b1)) | 0;
    return fc.sample(arbitrary, { seed: drawSeed, numRuns: 1 })[0] as T;
  };
  const bases = fc
    .sample(validRequestArbitrary(method, withoutGrant), { seed, numRuns: Math.max(count, 32) })
    .map((request) => request.body);
  const lists = bases.map((body) =>
    listMutations(body, method.requestSchema, (schema: JsonSchema) =>
      sampleOne(schemaArbitrary(schema)),
    ),
  );
  const uses = new Map<string, number>();
  const leastUsed = (candidates: Mutation[]): Mutation => {
    const usesOf = (mutation: Mutation) => uses.get(mutation.description) ?? 0;
    const fewest = Math.min(...candidates.map(usesOf));
    const tied = candidates.filter((mutation) => usesOf(mutation) === fewest);
    const chosen = tied[sampleOne(fc.noBias(fc.nat({ max: tied.length - 1 })))] as Mutation;
    uses.set(chosen.description, fewest + 1);
    return chosen;
  };
  const rotation = MUTATION_CLASSES.filter((name) =>
    lists.some((list) => list.some((mutation) => mutation.mutation === name)),
  );
  const turns = new Map<MutationClass, number>();
  const failures = new Map<MutationClass, number>();
  const cases: InvalidRequest[] = [];
  let turn = 0;
  while (cases.length < count && rotation.length > 0) {
    const name = rotation[turn % rotation.length] as MutationClass;
    const occurrence = turns.get(name) ?? 0;
    turns.set(name, occurrence + 1);
    let candidates: Mutation[] = [];
    for (let step = 0; step < lists.length && candidates.length === 0; step += 1) {
      const list = lists[(occurrence + step) % lists.length] ?? [];
      candidates = list.filter((mutation) => mutation.mutation === name);
    }
    const mutation = leastUsed(candidates);
    const body = mutation.apply();
    const request = {
      body,
      mutation: mutation.mutation,
      description: mutation.description,
      pointer: mutation.pointer,
      keyword: mutation.keyword,
    };
    const validation =
      mutation.mutation === 'malformed-json' ? undefined : method.validateRequest(body);
    const proved =
      validation === undefined || validation.failures.length + validation.warnings.length > 0;
    if (proved) {
      cases.push({
        ...request,
        inferredOnly: validation ? validation.failures.length === 0 : false,
      });
      failures.set(name, 0);
      turn += 1;
      continue;
    }
    const failed = (failures.get(name) ?? 0) + 1;
    failures.set(name, failed);
    if (failed >= 5) {
      rotation.splice(rotation.indexOf(name), 1);
    } else {
      turn += 1;
    }
  }
  return cases;
}

describe('streamInvalidRequests', () => {
  for (const name of METHOD_NAMES) {
    it(`gives the eager cases for ${name}`, () => {
      const method = methodOf(catalogue, name);
      for (const [seed, count] of [
        [7, 3],
        [42, 40],
        [-3, 150],
      ] as const) {
        const expected = eagerInvalidRequests(method, richContext(), seed, count);
        const streamed = [...streamInvalidRequests(method, richContext(), { seed, count })];
        expect(streamed, `seed ${seed}, count ${count}`).toEqual(expected);
      }
    });
  }

  it('gives the eager cases for a hand-written schema', () => {
    const method = handWrittenMethod('test.sparse', {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: { type: 'string', enum: ['a', 'b'] },
        // Optional, so only some bases carry the bounds and the date-time.
        at: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 1 },
      },
    });
    for (const seed of [1, 2, 3]) {
      const expected = eagerInvalidRequests(method, freshContext(), seed, 90);
      const streamed = [...streamInvalidRequests(method, freshContext(), { seed, count: 90 })];
      expect(streamed, `seed ${seed}`).toEqual(expected);
    }
  });

  it('yields the cases of invalidRequests in order', () => {
    const method = methodOf(catalogue, 'repairer.jobs.parts.insert');
    const listed = invalidRequests(method, richContext(), { seed: 5, count: 70 });
    const streamed = [...streamInvalidRequests(method, richContext(), { seed: 5, count: 70 })];
    expect(streamed).toEqual(listed);
  });

  it('yields the first case before drawing the rest', () => {
    const method = methodOf(catalogue, 'repairer.jobs.get');
    const stream = streamInvalidRequests(method, richContext(), { seed: 9, count: 100_000 });
    const first = stream.next();
    expect(first.done).toBe(false);
    expect(first.value?.mutation).toBe('required-removed');
    stream.return(undefined);
  });
});

describe('listMutations with one class', () => {
  it('lists that class as the whole list has it', () => {
    const summary = (mutation: Mutation) => [
      mutation.mutation,
      mutation.keyword,
      mutation.pointer,
      mutation.description,
    ];
    for (const name of METHOD_NAMES) {
      const method = methodOf(catalogue, name);
      const bodies = fc.sample(validRequestArbitrary(method, richContext()), {
        seed: 8,
        numRuns: 20,
      });
      for (const request of bodies) {
        const all = listMutations(request.body, method.requestSchema, () => ({}));
        for (const only of MUTATION_CLASSES) {
          const listed = listMutations(request.body, method.requestSchema, () => ({}), only);
          const expected = all.filter((mutation) => mutation.mutation === only);
          expect(listed.map(summary), `${name} ${only}`).toEqual(expected.map(summary));
        }
      }
    }
  });
});

describe('listMutations malformed JSON', () => {
  const schema = { type: 'object' };
  const malformed = (body: unknown) =>
    listMutations(body, schema, () => ({}), 'malformed-json').map((mutation) => ({
      description: mutation.description,
      raw: (mutation.apply() as { raw: string }).raw,
    }));

  it('sends every variant for a plain key', () => {
    const variants = malformed({ identity: 1 });
    expect(variants.map((variant) => variant.raw)).toEqual([
      '{"identity":1',
      '{"identity":1,}',
      '{identity: 1}',
      "{'identity': 'value'}",
    ]);
  });

  it('drops a variant that is JSON after all', () => {
    for (const key of ['"a"', ' \t"a"']) {
      const variants = malformed({ [key]: 1 });
      expect(
        variants.map((variant) => variant.description),
        key,
      ).not.toContain('sent an unquoted property name as the body');
      for (const variant of variants) {
        expect(() => JSON.parse(variant.raw), `${key}: ${variant.raw}`).toThrow();
      }
    }
  });

  it('checks the texts of a body that is not an object', () => {
    for (const body of [[1], 'text', 42]) {
      for (const variant of malformed(body)) {
        expect(() => JSON.parse(variant.raw), variant.raw).toThrow();
      }
    }
  });
});

describe('ChunkedSample', () => {
  const arbitrary = fc.record({ id: fc.uuid(), count: fc.nat(), name: fc.string() });

  it('reads the values of one sample in any order', () => {
    const size = 200;
    const expected = fc.sample(arbitrary, { seed: 11, numRuns: size });
    const sample = new ChunkedSample(arbitrary, 11, size);
    const order = [199, 0, 31, 32, 64, 5, 198, 33, 1, 70, 96, 2, 160, 128, 0];
    for (const index of order) {
      expect(sample.at(index), `index ${index}`).toEqual(expected[index]);
    }
    for (let index = 0; index < size; index += 1) {
      expect(sample.at(index), `index ${index}`).toEqual(expected[index]);
    }
  });

  it('returns the held value while its chunk is cached', () => {
    const sample = new ChunkedSample(arbitrary, 3, 40);
    const first = sample.at(7);
    expect(sample.at(8)).not.toBe(first);
    expect(sample.at(7)).toBe(first);
  });

  it('rejects an index outside the sample', () => {
    const sample = new ChunkedSample(arbitrary, 3, 10);
    expect(() => sample.at(10)).toThrow(RangeError);
    expect(() => sample.at(-1)).toThrow(RangeError);
  });
});

describe('possibleClasses', () => {
  it('leaves out classes whose keyword the schema lacks', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } } };
    expect([...possibleClasses(schema, MUTATION_CLASSES)]).toEqual([
      'wrong-type',
      'non-object-body',
      'malformed-json',
    ]);
  });

  it('finds keywords deep in a cyclic schema', () => {
    const node: Record<string, unknown> = {
      type: 'object',
      required: ['at'],
      properties: { at: { type: 'string', format: 'date-time' } },
    };
    node.properties = { ...(node.properties as object), child: node };
    const classes = possibleClasses(node, MUTATION_CLASSES);
    expect(classes.has('format-date-time')).toBe(true);
    expect(classes.has('required-removed')).toBe(true);
    expect(classes.has('format-uuid')).toBe(false);
  });

  it('names every class the pinned request schemas give', () => {
    for (const name of METHOD_NAMES) {
      const method = methodOf(catalogue, name);
      const possible = possibleClasses(method.requestSchema, MUTATION_CLASSES);
      const bodies = fc.sample(validRequestArbitrary(method, richContext()), {
        seed: 4,
        numRuns: 60,
      });
      for (const request of bodies) {
        for (const mutation of listMutations(request.body, method.requestSchema, () => ({}))) {
          expect(possible.has(mutation.mutation), `${name} ${mutation.mutation}`).toBe(true);
        }
      }
    }
  });
});
