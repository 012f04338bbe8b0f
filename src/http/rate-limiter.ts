import type { Clock } from './clock.js';

/** Spaces requests to a rate; `take` resolves when the caller may send. */
export interface RateLimiter {
  take(): Promise<void>;
}

/**
 * Creates a token bucket that refills `ratePerSecond` tokens a second and keeps at most `burst`
 * tokens (default 1, so sends are spaced evenly with no burst). It starts full. Each caller
 * reserves its token synchronously, so concurrent callers never share one.
 */
export function createRateLimiter(ratePerSecond: number, clock: Clock, burst = 1): RateLimiter {
  if (!(ratePerSecond > 0)) {
    throw new RangeError(`ratePerSecond must be above 0, got ${ratePerSecond}`);
  }
  const interval = 1000 / ratePerSecond;
  const capacity = Math.max(1, burst);
  let tokens = capacity;
  let updatedAt = clock.now();

  function refill(now: number): void {
    tokens = Math.min(capacity, tokens + (now - updatedAt) / interval);
    updatedAt = now;
  }

  return {
    async take() {
      refill(clock.now());
      tokens -= 1;

      // A negative balance is a queue of reservations: this caller waits until its token is due.
      if (tokens < 0) await clock.sleep(-tokens * interval);
    },
  };
}
