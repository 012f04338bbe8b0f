import fc from 'fast-check';

/** Values drawn by one call of `fc.sample`: the unit that is generated and cached. */
const CHUNK_SIZE = 32;

/** Chunks held at once; older ones are dropped and drawn again if they are needed again. */
const MAX_CACHED_CHUNKS = 4;

interface Chunk<T> {
  values: unknown[];
  derived: Array<T | undefined>;
}

/**
 * The values of `fc.sample(arbitrary, { seed, numRuns: size })`, each mapped by `derive` when it
 * is first read, but drawn a chunk at a time on demand instead of all at once. Only a few chunks
 * stay in memory, so reading the values in order costs memory for a chunk, not for `size`.
 *
 * fast-check's replay `path` starts a sample at any index of the same seed and gives the values
 * a sample from index 0 gives at that index, so chunk k is
 * `fc.sample(arbitrary, { seed, path: String(k * 32), numRuns: 32 })`.
 */
export class ChunkedSample<T> {
  readonly size: number;
  readonly #arbitrary: fc.Arbitrary<unknown>;
  readonly #seed: number;
  readonly #derive: (value: unknown, index: number) => T;
  readonly #chunks = new Map<number, Chunk<T>>();

  constructor(
    arbitrary: fc.Arbitrary<unknown>,
    seed: number,
    size: number,
    derive: (value: unknown, index: number) => T,
  ) {
    this.#arbitrary = arbitrary;
    this.#seed = seed;
    this.size = size;
    this.#derive = derive;
  }

  /** Returns the derived form of the value at `index` (0 to `size - 1`). */
  at(index: number): T {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`Sample index ${index} is outside 0 to ${this.size - 1}`);
    }
    const chunk = this.#chunk(Math.floor(index / CHUNK_SIZE));
    const offset = index % CHUNK_SIZE;
    let derived = chunk.derived[offset];
    if (derived === undefined) {
      derived = this.#derive(chunk.values[offset], index);
      chunk.derived[offset] = derived;
    }
    return derived;
  }

  #chunk(number: number): Chunk<T> {
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
    const chunk: Chunk<T> = { values, derived: new Array(values.length) };
    this.#chunks.set(number, chunk);
    if (this.#chunks.size > MAX_CACHED_CHUNKS) {
      const oldest = this.#chunks.keys().next().value as number;
      this.#chunks.delete(oldest);
    }
    return chunk;
  }
}
