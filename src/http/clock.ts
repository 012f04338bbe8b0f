import { setTimeout as delay } from 'node:timers/promises';

/** The time source of the client's waits (rate limit, `Retry-After`); tests inject a fake one. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/** The real clock: `Date.now` and a timer. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => {
    if (ms > 0) await delay(ms);
  },
};
