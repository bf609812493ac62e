import { useCallback, useRef, useState } from 'react';
import { errorMessage } from './api-error';

export interface ActionState<A extends unknown[], R> {
  /** Runs the action; resolves to its result, or to undefined when it failed (the error is in `error`). */
  run(...args: A): Promise<R | undefined>;
  /** True while a run is in flight: buttons show it and do not start another. */
  running: boolean;
  /** The last failure as a person reads it, until the next run or `clearError()`. */
  error: string | null;
  clearError(): void;
}

export interface KeyedActionState<K, A extends unknown[], R> extends Omit<ActionState<A, R>, 'run'> {
  /** Runs the action for `key`; resolves to undefined when it failed or when `key`'s run is still in flight. */
  run(key: K, ...args: A): Promise<R | undefined>;
  /** True while the run for `key` is in flight (`running`: while any is). */
  runningFor(key: K): boolean;
}

/**
 * Runs `action` with the state every save, send or delete button needs: running, the error, no
 * second run while one is in flight. The one way the admin writes (reads go through useRequest).
 * `onError` also tells the failure elsewhere (a toast) where the page has no place for it.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>, opts: { onError?(message: string): void } = {}): ActionState<A, R> {
  const keyed = useKeyedAction((_: null, ...args: A) => action(...args), opts);
  const { run: runKeyed, running, error, clearError } = keyed;
  const run = useCallback((...args: A) => runKeyed(null, ...args), [runKeyed]);
  return { run, running, error, clearError };
}

/**
 * useAction for the buttons of a list or a page that share one action, told apart by the key (a row's
 * id, a step's name): each key runs once at a time, different keys side by side, and `runningFor(key)`
 * spins only the button whose run is in flight.
 */
export function useKeyedAction<K, A extends unknown[], R>(action: (key: K, ...args: A) => Promise<R>, opts: { onError?(message: string): void } = {}): KeyedActionState<K, A, R> {
  const [runningKeys, setRunningKeys] = useState<readonly K[]>([]);
  const [error, setError] = useState<string | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;
  const onErrorRef = useRef(opts.onError);
  onErrorRef.current = opts.onError;
  const inFlight = useRef(new Set<K>());

  const run = useCallback(
    (key: K, ...args: A) =>
      runTracked(() => actionRef.current(key, ...args), {
        inFlight: flagOf(inFlight.current, key),
        setRunning: (v) => setRunningKeys((keys) => (v ? [...keys, key] : keys.filter((k) => k !== key))),
        setError: (m) => {
          setError(m);
          if (m !== null) onErrorRef.current?.(m);
        },
      }),
    [],
  );
  const runningFor = (key: K) => runningKeys.includes(key);
  const clearError = useCallback(() => setError(null), []);
  return { run, runningFor, running: runningKeys.length > 0, error, clearError };
}

/** `key`'s place in the set of keys in flight, as the flag runTracked reads and sets. */
export function flagOf<K>(keys: Set<K>, key: K): { current: boolean } {
  return {
    get current() {
      return keys.has(key);
    },
    set current(on: boolean) {
      if (on) keys.add(key);
      else keys.delete(key);
    },
  };
}

/** The hook's logic without React: tested on its own (use-action.test.ts). */
export async function runTracked<R>(
  action: () => Promise<R>,
  state: { inFlight: { current: boolean }; setRunning(v: boolean): void; setError(v: string | null): void },
): Promise<R | undefined> {
  if (state.inFlight.current) return undefined;
  state.inFlight.current = true;
  state.setRunning(true);
  state.setError(null);
  try {
    return await action();
  } catch (err) {
    state.setError(errorMessage(err));
    return undefined;
  } finally {
    state.inFlight.current = false;
    state.setRunning(false);
  }
}
