import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded fast-check random source; the same seed gives the same values in the same order. */
export function createRandom(seed: number): fc.Random {
  return new fc.Random(xoroshiro128plus(seed));
}

/** Derives a stable seed for one part of a run (a method, a sequence) from the run's seed. */
export function deriveSeed(seed: number, label: string): number {
  let hash = seed >>> 0;
  for (let index = 0; index < label.length; index += 1) {
    hash = Math.imul(hash ^ label.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash & 0x7fffffff;
}
