import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/http/rate-limiter.js';
import { parseRetryAfter } from '../../../src/http/retry-after.js';
import { createSemaphore } from '../../../src/http/semaphore.js';
import { toTransportError } from '../../../src/http/transport-error.js';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const TIMEOUTS = { connectMs: 100, headersMs: 200, bodyMs: 300, totalMs: 400 };

describe('parseRetryAfter', () => {
  it('reads delay seconds', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1_000);
    expect(parseRetryAfter(' 120 ', NOW)).toBe(120_000);
  });

  it('reads the three HTTP date forms', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:05 GMT', NOW)).toBe(5_000);
    expect(parseRetryAfter('Thursday, 01-Jan-26 12:00:05 GMT', NOW)).toBe(5_000);
    expect(parseRetryAfter('Thu Jan  1 12:00:05 2026', NOW)).toBe(5_000);
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('rejects other values', () => {
    for (const value of [undefined, '', '-1', '1.5', 'soon', '2026-01-01T12:00:05Z']) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });
});

describe('createRateLimiter', () => {
  it('reserves evenly spaced slots for concurrent callers', async () => {
    const sleeps: number[] = [];
    const clock = { now: () => NOW, sleep: async (ms: number) => void sleeps.push(ms) };
    const limiter = createRateLimiter(10, clock);
    await Promise.all([limiter.take(), limiter.take(), limiter.take(), limiter.take()]);

    expect(sleeps).toEqual([100, 200, 300]);
  });

  it('refills after time passes', async () => {
    let now = NOW;
    const sleeps: number[] = [];
    const clock = { now: () => now, sleep: async (ms: number) => void sleeps.push(ms) };
    const limiter = createRateLimiter(2, clock);
    await limiter.take();
    now += 10_000;
    await limiter.take();

    expect(sleeps).toEqual([]);
  });

  it('rejects a rate that is not positive', () => {
    const clock = { now: () => NOW, sleep: async () => {} };
    expect(() => createRateLimiter(0, clock)).toThrow(RangeError);
  });
});

describe('createSemaphore', () => {
  it('lets holders in up to the limit, in order', async () => {
    const semaphore = createSemaphore(2);
    const order: number[] = [];
    await semaphore.acquire();
    await semaphore.acquire();
    const third = semaphore.acquire().then(() => order.push(3));
    const fourth = semaphore.acquire().then(() => order.push(4));

    expect(semaphore.active()).toBe(2);
    semaphore.release();
    await third;
    semaphore.release();
    await fourth;
    expect(order).toEqual([3, 4]);
    expect(semaphore.peak()).toBe(2);
  });
});

describe('toTransportError', () => {
  const withCode = (code: string, message = 'failed') =>
    Object.assign(new Error(message), { code });

  it('maps undici and socket codes', () => {
    const cases: Array<[string, string]> = [
      ['UND_ERR_CONNECT_TIMEOUT', 'connect-timeout'],
      ['UND_ERR_HEADERS_TIMEOUT', 'headers-timeout'],
      ['UND_ERR_BODY_TIMEOUT', 'body-timeout'],
      ['ECONNREFUSED', 'connection-refused'],
      ['ECONNRESET', 'connection-reset'],
      ['UND_ERR_SOCKET', 'connection-reset'],
      ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'invalid-response'],
      ['HPE_INVALID_CHUNK_SIZE', 'invalid-response'],
      ['Z_DATA_ERROR', 'invalid-response'],
      ['ENOTFOUND', 'connection-failed'],
    ];
    for (const [code, expected] of cases) {
      expect(toTransportError(withCode(code), TIMEOUTS)?.code).toBe(expected);
    }
  });

  it('names the timeout that ran out', () => {
    expect(toTransportError(withCode('UND_ERR_HEADERS_TIMEOUT'), TIMEOUTS)?.message).toBe(
      'no response headers within 200 ms',
    );
    const deadline = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(toTransportError(deadline, TIMEOUTS)).toEqual({
      code: 'total-timeout',
      message: 'exchange not done within 400 ms',
    });
  });

  it('keeps the message on one line', () => {
    const error = toTransportError(withCode('ECONNRESET', 'socket\nhang up'), TIMEOUTS);
    expect(error?.message).toBe('socket hang up (ECONNRESET)');
  });

  it('returns undefined for an error without a code', () => {
    expect(toTransportError(new TypeError('bug'), TIMEOUTS)).toBeUndefined();
    expect(toTransportError('text', TIMEOUTS)).toBeUndefined();
  });
});
