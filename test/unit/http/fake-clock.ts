import type { Clock } from '../../../src/http/clock.js';

/** A clock whose sleeps return at once and move its time forward, recording each wait. */
export interface FakeClock extends Clock {
  sleeps: number[];
}

export function createFakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}
