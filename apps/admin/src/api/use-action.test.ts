import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { flagOf, runTracked } from './use-action';

function tracker() {
  const seen: { running: boolean[]; errors: (string | null)[] } = { running: [], errors: [] };
  return {
    seen,
    state: { inFlight: { current: false }, setRunning: (v: boolean) => seen.running.push(v), setError: (v: string | null) => seen.errors.push(v) },
  };
}

describe('a write from the admin (useAction)', () => {
  it('shows it running, then answers the result and clears the last error', async () => {
    const { seen, state } = tracker();
    await expect(runTracked(async () => 42, state)).resolves.toBe(42);
    expect(seen.running).toEqual([true, false]);
    expect(seen.errors).toEqual([null]);
  });

  it('keeps the server’s message for the person and answers undefined', async () => {
    const { seen, state } = tracker();
    const failing = () => Promise.reject(new ApiError(409, 'FROZEN', '数据已提交，不能再添加佐证 / the value is already submitted'));
    await expect(runTracked(failing, state)).resolves.toBeUndefined();
    expect(seen.errors).toEqual([null, '数据已提交，不能再添加佐证 / the value is already submitted']);
    expect(seen.running).toEqual([true, false]);
  });

  it('does not send twice when the button is pressed again while the first is in flight', async () => {
    const { state } = tracker();
    let calls = 0;
    let release!: () => void;
    const slow = () => {
      calls++;
      return new Promise<string>((resolve) => (release = () => resolve('saved')));
    };
    const first = runTracked(slow, state);
    await expect(runTracked(slow, state)).resolves.toBeUndefined();
    release();
    await expect(first).resolves.toBe('saved');
    expect(calls).toBe(1);
    // Once done, the next press runs again.
    const again = runTracked(slow, state);
    release();
    await expect(again).resolves.toBe('saved');
    expect(calls).toBe(2);
  });

  it('runs the rows of a list side by side, each once at a time (useKeyedAction)', async () => {
    const inFlight = new Set<number>();
    const quiet = { setRunning: () => undefined, setError: () => undefined };
    const releases = new Map<number, () => void>();
    const slow = (row: number) => () => new Promise<number>((resolve) => releases.set(row, () => resolve(row)));
    const first = runTracked(slow(1), { ...quiet, inFlight: flagOf(inFlight, 1) });
    const other = runTracked(slow(2), { ...quiet, inFlight: flagOf(inFlight, 2) });
    // The same row pressed again while it is in flight does not send again.
    await expect(runTracked(slow(1), { ...quiet, inFlight: flagOf(inFlight, 1) })).resolves.toBeUndefined();
    expect([...inFlight]).toEqual([1, 2]);
    releases.get(2)!();
    await expect(other).resolves.toBe(2);
    expect([...inFlight]).toEqual([1]);
    releases.get(1)!();
    await expect(first).resolves.toBe(1);
    expect(inFlight.size).toBe(0);
  });
});
