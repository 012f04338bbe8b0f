/**
 * Effect of a difference on clients written against the pinned spec. A dated version may change
 * only additively, so every `breaking` difference is drift that the deployment must not have.
 */
export type DifferenceClass = 'additive' | 'breaking';

/** Part of a method that a difference is in. */
export type DifferenceSide = 'method' | 'request' | 'response' | 'error';

/** One way the live spec differs from the pinned one. */
export interface SpecDifference {
  kind: DifferenceClass;
  /** Stable name of the change, such as `method-removed` or `request-field-made-required`. */
  change: string;
  /** Wire method name, such as `repairer.jobs.get`; absent for differences of the whole document. */
  method?: string;
  side: DifferenceSide;
  /**
   * JSON pointer to the changed node, with `$ref`s followed: into the pinned document, or into
   * the live document for something only the live spec has. A `oneOf` or `anyOf` that only adds
   * `null` to one schema is stepped over, so the pointer names the property that holds it.
   */
  pointer: string;
  /** A short lowercase fragment: `request field identity removed`. */
  message: string;
  /** The pinned value, summarized (a schema becomes a short type description). */
  pinned?: unknown;
  /** The live value, summarized the same way. */
  live?: unknown;
}
