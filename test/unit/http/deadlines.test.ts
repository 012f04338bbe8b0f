import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineQueue } from '../../../src/http/deadlines.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('DeadlineQueue', () => {
  it('expires each deadline once, in the order added', () => {
    vi.useFakeTimers();
    const queue = new DeadlineQueue(1_000);
    const expired: string[] = [];
    queue.add(() => expired.push('first'));
    vi.advanceTimersByTime(400);
    queue.add(() => expired.push('second'));

    vi.advanceTimersByTime(599);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['first']);
    vi.advanceTimersByTime(400);
    expect(expired).toEqual(['first', 'second']);
    vi.advanceTimersByTime(5_000);
    expect(expired).toEqual(['first', 'second']);
  });

  it('never expires a cleared deadline', () => {
    vi.useFakeTimers();
    const queue = new DeadlineQueue(1_000);
    const expired: string[] = [];
    const first = queue.add(() => expired.push('first'));
    queue.add(() => expired.push('second'));
    first.clear();

    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual(['second']);
  });

  it('starts a timer again after the queue ran empty', () => {
    vi.useFakeTimers();
    const queue = new DeadlineQueue(100);
    const expired: number[] = [];
    queue.add(() => expired.push(1)).clear();
    vi.advanceTimersByTime(200);
    queue.add(() => expired.push(2));

    vi.advanceTimersByTime(100);
    expect(expired).toEqual([2]);
  });
});
