import type fc from 'fast-check';
import type { GeneratorContext, ValidRequest } from '../../generators/index.js';
import { streamInvalidRequests, validRequestArbitrary } from '../../generators/index.js';
import type { CaseInfo, CredentialKind } from '../checks/types.js';
import type { ResolvedOptions } from '../config/options.js';
import type { MethodEntry } from '../spec/types.js';
import { credentialForRole, wrongRoleFor } from './credentials.js';
import { createRandom, deriveSeed } from './random.js';

/** A request body that is sent as given, not JSON-encoded (malformed JSON probes). */
export interface RawBody {
  raw: string;
}

/** One generated request of a method, ready to send. */
export interface PlannedCase {
  info: CaseInfo;
  method: MethodEntry;
  body: unknown;
  /** The generated value with its arbitrary, so a failing valid case can be shrunk. */
  shrinkable?: { arbitrary: fc.Arbitrary<ValidRequest>; value: fc.Value<ValidRequest> };
}

/** Returns why a method gets no request at all in this run, or undefined when it is sent. */
export function skipReason(method: MethodEntry, options: ResolvedOptions): string | undefined {
  if (
    options.profile === 'certify' &&
    method.mutates &&
    !options.allowWrites.includes(method.name)
  ) {
    return 'not sent: the certify profile sends no state-changing call unless --allow-writes names it';
  }
  return undefined;
}

function isInShard(ordinal: number, options: ResolvedOptions): boolean {
  const shard = options.shard;
  return shard === undefined || ordinal % shard.count === shard.index - 1;
}

function* validCases(
  method: MethodEntry,
  context: GeneratorContext,
  options: ResolvedOptions,
): Generator<PlannedCase> {
  const arbitrary = validRequestArbitrary(method, context);
  const random = createRandom(deriveSeed(options.seed, `${method.name}/valid`));
  const credential = credentialForRole(method.role);
  for (let index = 0; index < options.cases; index += 1) {
    const value = arbitrary.generate(random, undefined);
    yield {
      info: {
        id: `${method.name}#valid-${index}`,
        kind: 'valid',
        credential,
        referencesExist: value.value.referencesExist,
      },
      method,
      body: value.value.body,
      shrinkable: { arbitrary, value },
    };
  }
}

function* invalidCases(
  method: MethodEntry,
  context: GeneratorContext,
  options: ResolvedOptions,
): Generator<PlannedCase> {
  const seed = deriveSeed(options.seed, `${method.name}/invalid`);
  const requests = streamInvalidRequests(method, context, { seed, count: options.cases });
  const credential = credentialForRole(method.role);
  let index = 0;
  for (const request of requests) {
    yield {
      info: {
        id: `${method.name}#invalid-${index}`,
        kind: 'invalid',
        credential,
        mutation: request.mutation,
        inferredOnly: request.inferredOnly,
      },
      method,
      body: request.body,
    };
    index += 1;
  }
}

function* authCases(method: MethodEntry, body: unknown): Generator<PlannedCase> {
  if (method.role === 'none') {
    return;
  }
  const kinds: CredentialKind[] = ['none', 'wrong'];
  const wrongRole = wrongRoleFor(method.role);
  if (wrongRole) {
    kinds.push(wrongRole);
  }
  for (const credential of kinds) {
    yield {
      info: { id: `${method.name}#auth-${credential}`, kind: 'auth', credential },
      method,
      body,
    };
  }
}

/**
 * Plans the cases of one method lazily, in a fixed order (valid, invalid, auth), so the same seed
 * gives the same requests and a long run never keeps all its cases in memory. With a shard, only every n-th
 * case is kept.
 */
export function* planMethod(
  method: MethodEntry,
  context: GeneratorContext,
  options: ResolvedOptions,
): Generator<PlannedCase> {
  if (skipReason(method, options) !== undefined) {
    return;
  }
  const authBody = method.examples[0] ?? {};
  const all = [
    validCases(method, context, options),
    invalidCases(method, context, options),
    authCases(method, authBody),
  ];
  let ordinal = 0;
  for (const cases of all) {
    for (const planned of cases) {
      if (isInShard(ordinal, options)) {
        yield planned;
      }
      ordinal += 1;
    }
  }
}

/** Interleaves the cases of several methods, so concurrency spreads over all of them. */
export function* interleave<T>(sources: Iterable<T>[]): Generator<T> {
  const iterators = sources.map((source) => source[Symbol.iterator]());
  while (iterators.length > 0) {
    for (let index = 0; index < iterators.length; ) {
      const next = iterators[index]?.next();
      if (!next || next.done) {
        iterators.splice(index, 1);
        continue;
      }
      yield next.value;
      index += 1;
    }
  }
}
