/** A counting semaphore: at most `limit` holders at once, the rest wait in arrival order. */
export interface Semaphore {
  /** Resolves once a slot is free; the caller must `release` it exactly once. */
  acquire(): Promise<void>;
  release(): void;
  /** Holders right now. */
  active(): number;
  /** Most holders seen at once. */
  peak(): number;
}

/** Creates a semaphore with `limit` slots (at least 1). */
export function createSemaphore(limit: number): Semaphore {
  const slots = Math.max(1, Math.floor(limit));
  const waiting: Array<() => void> = [];
  let active = 0;
  let peak = 0;

  function take(): void {
    active += 1;
    peak = Math.max(peak, active);
  }

  return {
    acquire() {
      if (active < slots) {
        take();
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        waiting.push(() => {
          take();
          resolve();
        });
      });
    },
    release() {
      active -= 1;
      waiting.shift()?.();
    },
    active: () => active,
    peak: () => peak,
  };
}
