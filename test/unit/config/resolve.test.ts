import { describe, expect, it } from 'vitest';
import { parseRate, parseShard, resolveOptions } from '../../../src/config/resolve.js';
import { isHarnessError } from '../../../src/errors.js';

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(isHarnessError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a harness error');
}

describe('resolveOptions', () => {
  it('applies the defaults', () => {
    const options = resolveOptions({ seed: 4 }, {});
    expect(options.cases).toBe(100);
    expect(options.concurrency).toBe(16);
    expect(options.profile).toBe('gate');
    expect(options.tenant).toMatch(/^pc-4-[0-9a-f]{8}$/);
    expect(options.credentials.repairer.apiKey).toBe('partly_demo_repairer_3f8a1c0d9e2b4a67b1c2');
    expect(options.fixtures.jobExternal).toBe('CCC-2026-04817');
  });

  it('takes credentials from the environment before the demo ones', () => {
    const options = resolveOptions({}, { PARTLY_SUPPLIER_API_KEY: 'partly_env_key_123456' });
    expect(options.credentials.supplier.apiKey).toBe('partly_env_key_123456');
    expect(options.credentials.repairer.apiKey).toContain('demo');
  });

  it('names an unknown option', () => {
    const message = errorOf(() => resolveOptions({ casses: 3 } as never, {}));
    expect(message).toContain('casses');
  });

  it('names a bad value and the fix', () => {
    expect(errorOf(() => resolveOptions({ cases: 0 }, {}))).toContain('cases');
    expect(errorOf(() => resolveOptions({ target: 'ftp://x' }, {}))).toContain('http');
    expect(errorOf(() => resolveOptions({ tenant: 'Bad Name' }, {}))).toContain('tenant');
    expect(errorOf(() => resolveOptions({ reporters: ['xml' as never] }, {}))).toContain('xml');
  });

  it('names unknown nested options and wrong types', () => {
    expect(errorOf(() => resolveOptions({ fixtures: { jobExternl: 'x' } } as never, {}))).toContain(
      'fixtures.jobExternl',
    );
    expect(errorOf(() => resolveOptions({ timeouts: { totalMS: 5 } } as never, {}))).toContain(
      'timeouts.totalMS',
    );
    const credentials = { repairer: { apikey: 'partly_x_123456' } };
    expect(errorOf(() => resolveOptions({ credentials } as never, {}))).toContain(
      'credentials.repairer.apikey',
    );
    expect(errorOf(() => resolveOptions({ strict: 'yes' } as never, {}))).toContain('strict');
  });

  it('rejects options that would be silently ignored', () => {
    const writes = { allowWrites: ['repairer.jobs.insert'] };
    expect(errorOf(() => resolveOptions(writes, {}))).toContain('certify');
    expect(resolveOptions({ ...writes, profile: 'certify' }, {}).allowWrites).toEqual(
      writes.allowWrites,
    );
    const faults = { faults: ['offer-currency'], target: 'http://127.0.0.1:4010' };
    expect(errorOf(() => resolveOptions(faults, {}))).toContain('embedded reference target');
  });

  it('sends no tenant in the certify profile unless asked', () => {
    expect(resolveOptions({ profile: 'certify' }, {}).tenant).toBe(false);
    expect(resolveOptions({ profile: 'certify', tenant: 'mine' }, {}).tenant).toBe('mine');
  });

  it('keeps the path prefix of a target', () => {
    const options = resolveOptions({ target: 'https://example.test/sandbox/' }, {});
    expect(options.target).toBe('https://example.test/sandbox');
  });
});

describe('parseRate and parseShard', () => {
  it('reads rates per second and per minute', () => {
    expect(parseRate('10/s')).toBe(10);
    expect(parseRate('600/m')).toBe(10);
    expect(parseRate('5')).toBe(5);
    expect(() => parseRate('fast')).toThrow(/rate/);
  });

  it('reads shards and rejects impossible ones', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('4/3')).toThrow(/shard/);
    expect(() => parseShard('0/3')).toThrow(/shard/);
  });
});
