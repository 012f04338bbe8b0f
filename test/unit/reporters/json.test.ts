import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonReporter, RESULTS_FILE } from '../../../src/reporters/json.js';
import { MIXED_RUN } from '../../fixtures/reporters/runs.js';
import { endRun, makeTempDir } from './support.js';

describe('json reporter', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('writes the run result unchanged', async () => {
    await endRun(createJsonReporter(), MIXED_RUN, temp.dir);
    const text = await readFile(join(temp.dir, RESULTS_FILE), 'utf8');
    expect(JSON.parse(text)).toEqual(MIXED_RUN);
  });

  it('pretty-prints with two spaces', async () => {
    await endRun(createJsonReporter(), MIXED_RUN, temp.dir);
    const text = await readFile(join(temp.dir, RESULTS_FILE), 'utf8');
    expect(text).toBe(`${JSON.stringify(MIXED_RUN, null, 2)}\n`);
  });

  it('creates the reports folder', async () => {
    const nested = join(temp.dir, 'a', 'b');
    await endRun(createJsonReporter(), MIXED_RUN, nested);
    await expect(readFile(join(nested, RESULTS_FILE), 'utf8')).resolves.toContain('"seed": 424242');
  });
});
