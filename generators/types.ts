import type { Fixtures, OAuthGrant } from '../src/config/options.js';
import type { KnownIds } from './known-ids.js';

/** A JSON Schema object node; boolean schemas are read as `{}` (true) and `{ not: {} }` (false). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** What a generator may draw values from: the fixtures, ids seen in responses, the OAuth grant. */
export interface GeneratorContext {
  fixtures: Fixtures;
  known: KnownIds;
  /** The grant `integrations.insert` sends. Without it, every install request uses made-up values. */
  oauth?: OAuthGrant;
}

/** One valid request body and whether every id it names is one the target holds. */
export interface ValidRequest {
  body: unknown;
  /**
   * True when every reference comes from the fixtures or from ids earlier responses returned.
   * False when the case names at least one made-up reference, such as a random job id (a
   * `not_found` is then an expected answer) or a new external reference (which creates a job).
   */
  referencesExist: boolean;
}

/** The kinds of damage an invalid case carries, one per case. */
export const MUTATION_CLASSES = [
  'required-removed',
  'wrong-type',
  'enum-violated',
  'const-violated',
  'format-uuid',
  'format-date-time',
  'identity-both',
  'identity-neither',
  'array-too-short',
  'array-too-long',
  'number-out-of-range',
  'string-too-short',
  'non-object-body',
  'malformed-json',
] as const;

export type MutationClass = (typeof MUTATION_CLASSES)[number];

/** A body that is not valid JSON, sent byte for byte. */
export interface RawBody {
  raw: string;
}

/** One invalid request: a valid body with one thing broken. */
export interface InvalidRequest {
  /** The JSON value to send, or `{ raw }` when `mutation` is `malformed-json`. */
  body: unknown | RawBody;
  mutation: MutationClass;
  /** The request breaks only inferred constraints, so a server that accepts it earns a warning. */
  inferredOnly: boolean;
  /** What was broken and where, with no value taken from the valid body. */
  description: string;
  /** The Ajv keyword the body breaks, such as `required` or `maxItems`; `` for malformed JSON. */
  keyword: string;
  /**
   * JSON pointer of the value the broken keyword applies to: the parent object for
   * `required-removed`, `` for the whole body. Empty for `malformed-json`.
   */
  pointer: string;
}

/** Options of `invalidRequests`. */
export interface InvalidRequestOptions {
  seed: number;
  /** Cases wanted; fewer come back only when too few mutations prove invalid. */
  count: number;
}
