import fc from 'fast-check';
import type { MethodEntry } from '../src/spec/types.js';
import { listMutations, type Mutation } from './mutations.js';
import { schemaArbitrary } from './schema-arbitrary.js';
import {
  type GeneratorContext,
  type InvalidRequest,
  type InvalidRequestOptions,
  type JsonSchema,
  MUTATION_CLASSES,
  type MutationClass,
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
  if (options.count <= 0) {
    return [];
  }
  const picker = new SeededPicker(options.seed);
  const numRuns = Math.max(options.count, MIN_BASES);
  // Invalid cases carry made-up grant values, never the OAuth grant: a target that wrongly
  // accepted a broken install request could spend the single-use access code.
  const { oauth: _grant, ...withoutGrant } = context;
  const bases = fc
    .sample(validRequestArbitrary(method, withoutGrant), { seed: options.seed, numRuns })
    .map((request) => request.body);
  const mutations = bases.map((body) =>
    listMutations(body, method.requestSchema, (schema) => picker.draw(schema)),
  );
  return rotateClasses(method, mutations, options.count, picker);
}

function rotateClasses(
  method: MethodEntry,
  mutations: readonly Mutation[][],
  count: number,
  picker: SeededPicker,
): InvalidRequest[] {
  const rotation = MUTATION_CLASSES.filter((name) =>
    mutations.some((list) => list.some((mutation) => mutation.mutation === name)),
  );
  const turns = new Map<MutationClass, number>();
  const failures = new Map<MutationClass, number>();
  const cases: InvalidRequest[] = [];
  let turn = 0;
  while (cases.length < count && rotation.length > 0) {
    const name = rotation[turn % rotation.length] as MutationClass;
    const occurrence = turns.get(name) ?? 0;
    turns.set(name, occurrence + 1);
    const request = prove(method, pickMutation(mutations, name, occurrence, picker));
    if (request !== undefined) {
      cases.push(request);
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
  return cases;
}

// The n-th turn of a class starts at the n-th base. Among that base's mutations of the class it
// takes the one used least so far, with ties broken by the seed. Successive cases so spread over
// the places and variants of a class: the four non-object bodies all come within four turns.
function pickMutation(
  mutations: readonly Mutation[][],
  name: MutationClass,
  occurrence: number,
  picker: SeededPicker,
): Mutation {
  for (let step = 0; step < mutations.length; step += 1) {
    const list = mutations[(occurrence + step) % mutations.length] ?? [];
    const candidates = list.filter((mutation) => mutation.mutation === name);
    if (candidates.length > 0) {
      return picker.leastUsed(candidates);
    }
  }
  throw new Error(`no ${name} mutation among the bodies`);
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
