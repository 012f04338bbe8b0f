import fc from 'fast-check';

/** Values drawn by one call of `fc.sample`: the unit that is generated and cached. */
const CHUNK_SIZE = 32;

/** Chunks held at once; older ones are dropped and drawn again if they are needed again. */
const MAX_CACHED_CHUNKS = 4;

/**
 * The values of `fc.sample(arbitrary, { seed, numRuns: size })`, drawn a chunk at a time on
 * demand instead of all at once. Only a few chunks stay in memory, so reading the values in order
 * costs memory for a few chunks, not for `size` values.
 *
 * fast-check's replay `path` starts a sample at any index of the same seed and gives the values
 * a sample from index 0 gives at that index, so chunk k is
 * `fc.sample(arbitrary, { seed, path: String(k * 32), numRuns: 32 })`.
 */
export class ChunkedSample<T> {
  readonly size: number;
  readonly #arbitrary: fc.Arbitrary<T>;
  readonly #seed: number;
  readonly #chunks = new Map<number, T[]>();

  constructor(arbitrary: fc.Arbitrary<T>, seed: number, size: number) {
    this.#arbitrary = arbitrary;
    this.#seed = seed;
    this.size = size;
  }

  /** Returns the value at `index` (0 to `size - 1`). */
  at(index: number): T {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`Sample index ${index} is outside 0 to ${this.size - 1}`);
    }
    return this.#chunk(Math.floor(index / CHUNK_SIZE))[index % CHUNK_SIZE] as T;
  }

  #chunk(number: number): T[] {
    const cached = this.#chunks.get(number);
    if (cached !== undefined) {
      // Reinserted so the map's order stays least recently used first.
      this.#chunks.delete(number);
      this.#chunks.set(number, cached);
      return cached;
    }

    const start = number * CHUNK_SIZE;
    const values = fc.sample(this.#arbitrary, {
      seed: this.#seed,
      path: String(start),
      numRuns: Math.min(CHUNK_SIZE, this.size - start),
    });
    this.#chunks.set(number, values);
    if (this.#chunks.size > MAX_CACHED_CHUNKS) {
      const oldest = this.#chunks.keys().next().value as number;
      this.#chunks.delete(oldest);
    }
    return values;
  }
}
