import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { invalidRequests, validRequestArbitrary } from '../../../generators/index.js';
import type { Catalogue } from '../../../src/spec/types.js';
import { loadTestCatalogue, METHOD_NAMES, methodOf, richContext, seededRandom } from './support.js';

const SAMPLE_FILE = fileURLToPath(
  new URL('../../fixtures/generators/sample-seed-42.json', import.meta.url),
);
const SEED = 42;
const VALID_CASES = 5;
const INVALID_CASES = 8;

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await loadTestCatalogue();
});

/** Generates the first cases of every method for seed 42, the way the runner generates them. */
function currentSample(): Record<string, unknown> {
  const sample: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    const method = methodOf(catalogue, name);
    const arbitrary = validRequestArbitrary(method, richContext());
    const random = seededRandom(SEED);
    const valid = Array.from(
      { length: VALID_CASES },
      () => arbitrary.generate(random, undefined).value,
    );
    const invalid = invalidRequests(method, richContext(), { seed: SEED, count: INVALID_CASES });
    sample[name] = { valid, invalid };
  }
  return sample;
}

describe('stored sample of seed 42', () => {
  it('matches the generated cases', () => {
    const sample = currentSample();
    if (process.env.UPDATE_SAMPLES === '1') {
      writeFileSync(SAMPLE_FILE, `${JSON.stringify(sample, null, 2)}\n`);
    }
    expect(existsSync(SAMPLE_FILE), 'no stored sample: run with UPDATE_SAMPLES=1 to write it').toBe(
      true,
    );
    const stored = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as unknown;
    // A difference means the generators changed: when the change is intended, rerun with
    // UPDATE_SAMPLES=1 and review the diff of the sample file.
    expect(sample).toEqual(stored);
  });
});
