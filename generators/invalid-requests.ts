import fc from 'fast-check';
import type { MethodEntry } from '../src/spec/types.js';
import { ChunkedSample } from './chunked-sample.js';
import { listMutations, type Mutation } from './mutations.js';
import { possibleClasses } from './possible-classes.js';
import { schemaArbitrary } from './schema-arbitrary.js';
import {
  type GeneratorContext,
  type InvalidRequest,
  type InvalidRequestOptions,
  type JsonSchema,
  MUTATION_CLASSES,
  type MutationClass,
  type ValidRequest,
} from './types.js';
import { validRequestArbitrary } from './valid-request.js';

/** Minimum number of valid bodies drawn as starting points, so a small count finds every class. */
const MIN_BASES = 32;

/** A class whose mutations prove valid this many times in a row leaves the rotation. */
const MAX_FAILURES_PER_CLASS = 5;

/**
 * Builds invalid requests of a method: valid bodies with one thing broken at one JSON pointer.
 * The classes that apply to the method take turns, so a count as small as the number of classes
 * covers each once. Every case but malformed JSON is proved invalid with `method.validateRequest`
 * first; one that proves valid is dropped, so fewer than `count` cases may come back. The same
 * seed and registry state give the same cases in the same order.
 */
export function invalidRequests(
  method: MethodEntry,
  context: GeneratorContext,
  options: InvalidRequestOptions,
): InvalidRequest[] {
  return [...streamInvalidRequests(method, context, options)];
}

/**
 * Yields the cases of `invalidRequests` one at a time, in the same order. The valid bodies they
 * start from are drawn in small chunks while the cases are taken, so a long run keeps a few
 * chunks of bodies in memory, not `count` bodies with all their mutations. The arbitrary of valid bodies is
 * built, and the registry read, when the first case is taken.
 */
export function* streamInvalidRequests(
  method: MethodEntry,
  context: GeneratorContext,
  options: InvalidRequestOptions,
): Generator<InvalidRequest> {
  if (options.count <= 0) {
    return;
  }
  const picker = new SeededPicker(options.seed);
  // Invalid cases carry made-up grant values, never the OAuth grant: a target that wrongly
  // accepted a broken install request could spend the single-use access code.
  const { oauth: _grant, ...withoutGrant } = context;
  const bases = new BaseMutations(
    validRequestArbitrary(method, withoutGrant),
    options.seed,
    Math.max(options.count, MIN_BASES),
    (body, only) =>
      listMutations(body, method.requestSchema, (schema) => picker.draw(schema), only),
  );
  yield* rotateClasses(method, bases, options.count, picker);
}

/**
 * The mutations of each valid base, listed on demand. A bit set of the classes found in each base
 * is kept for every base once listed, so a search for a class skips bases without listing them
 * again. The lists themselves are not kept: each case lists only the class it takes from its
 * base. So no list lives long enough to reach V8's old space, where the lists of a long run would
 * pile up until a full collection.
 */
class BaseMutations {
  readonly size: number;
  readonly #bases: ChunkedSample<ValidRequest>;
  readonly #list: (body: unknown, only?: MutationClass) => Mutation[];
  /** Bit i is set when the base has a mutation of `MUTATION_CLASSES[i]`; -1 until listed. */
  readonly #classBits: Int32Array;

  constructor(
    arbitrary: fc.Arbitrary<ValidRequest>,
    seed: number,
    size: number,
    list: (body: unknown, only?: MutationClass) => Mutation[],
  ) {
    this.size = size;
    this.#bases = new ChunkedSample(arbitrary, seed, size);
    this.#list = list;
    this.#classBits = new Int32Array(size).fill(-1);
  }

  /**
   * Returns the mutations of a class in the first base that has any, searching from base `start`
   * on and wrapping round. Returns undefined when no base has one.
   */
  findClass(name: MutationClass, start: number): Mutation[] | undefined {
    const bit = 1 << MUTATION_CLASSES.indexOf(name);
    for (let step = 0; step < this.size; step += 1) {
      const index = (start + step) % this.size;
      if ((this.#bitsOf(index) & bit) !== 0) {
        return this.#list(this.#bases.at(index).body, name);
      }
    }
    return undefined;
  }

  #bitsOf(index: number): number {
    let bits = this.#classBits[index] ?? -1;
    if (bits === -1) {
      bits = 0;
      for (const mutation of this.#list(this.#bases.at(index).body)) {
        bits |= 1 << MUTATION_CLASSES.indexOf(mutation.mutation);
      }
      this.#classBits[index] = bits;
    }
    return bits;
  }
}

/**
 * Takes the classes in turns. A class that no base has leaves the rotation when its first turn
 * comes, without using the turn. That happens in the first round, before any class has used a
 * turn past its own place, so the turns come in the order of a rotation without that class.
 */
function* rotateClasses(
  method: MethodEntry,
  bases: BaseMutations,
  count: number,
  picker: SeededPicker,
): Generator<InvalidRequest> {
  const possible = possibleClasses(method.requestSchema, MUTATION_CLASSES);
  const rotation = MUTATION_CLASSES.filter((name) => possible.has(name));
  const turns = new Map<MutationClass, number>();
  const failures = new Map<MutationClass, number>();
  let produced = 0;
  let turn = 0;
  while (produced < count && rotation.length > 0) {
    const name = rotation[turn % rotation.length] as MutationClass;
    const occurrence = turns.get(name) ?? 0;
    // The n-th turn of a class starts at the n-th base. Among that base's mutations of the class
    // it takes the one used least so far, with ties broken by the seed. Successive cases so
    // spread over the places and variants of a class: the four non-object bodies all come within
    // four turns.
    const candidates = bases.findClass(name, occurrence % bases.size);
    if (candidates === undefined) {
      rotation.splice(rotation.indexOf(name), 1);
      continue;
    }
    turns.set(name, occurrence + 1);
    const request = prove(method, picker.leastUsed(candidates));
    if (request !== undefined) {
      yield request;
      produced += 1;
      failures.set(name, 0);
      turn += 1;
      continue;
    }
    const failed = (failures.get(name) ?? 0) + 1;
    failures.set(name, failed);
    if (failed >= MAX_FAILURES_PER_CLASS) {
      rotation.splice(rotation.indexOf(name), 1);
    } else {
      turn += 1;
    }
  }
}

function prove(method: MethodEntry, mutation: Mutation): InvalidRequest | undefined {
  const body = mutation.apply();
  const request = {
    body,
    mutation: mutation.mutation,
    description: mutation.description,
    pointer: mutation.pointer,
    keyword: mutation.keyword,
  };
  if (mutation.mutation === 'malformed-json') {
    return { ...request, inferredOnly: false };
  }
  const validation = method.validateRequest(body);
  if (validation.failures.length === 0 && validation.warnings.length === 0) {
    return undefined;
  }
  return { ...request, inferredOnly: validation.failures.length === 0 };
}

/** Seeded choices of one call of `invalidRequests`, drawn through fast-check. */
class SeededPicker {
  readonly #seed: number;
  readonly #uses = new Map<string, number>();
  #draws = 0;

  constructor(seed: number) {
    this.#seed = seed;
  }

  /** Picks the mutation used least so far, by its description, and counts the use. */
  leastUsed(candidates: readonly Mutation[]): Mutation {
    const usesOf = (mutation: Mutation) => this.#uses.get(mutation.description) ?? 0;
    const fewest = Math.min(...candidates.map(usesOf));
    const tied = candidates.filter((mutation) => usesOf(mutation) === fewest);
    const chosen = tied[this.#sample(fc.noBias(fc.nat({ max: tied.length - 1 })))] as Mutation;
    this.#uses.set(chosen.description, fewest + 1);
    return chosen;
  }

  /** Draws one valid value of a schema, such as the second selector of `identity-both`. */
  draw(schema: JsonSchema): unknown {
    return this.#sample(schemaArbitrary(schema));
  }

  #sample<T>(arbitrary: fc.Arbitrary<T>): T {
    this.#draws += 1;
    const seed = (Math.imul(this.#seed, 31) + Math.imul(this.#draws, 0x9e3779b1)) | 0;
    const [value] = fc.sample(arbitrary, { seed, numRuns: 1 });
    return value as T;
  }
}
