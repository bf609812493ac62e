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

/**
 * Runs `action` with the state every save, send or delete button needs: running, the error, no
 * second run while one is in flight. The one way the admin writes (reads go through useRequest).
 * `onError` also tells the failure elsewhere (a toast) where the page has no place for it.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>, opts: { onError?(message: string): void } = {}): ActionState<A, R> {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;
  const onErrorRef = useRef(opts.onError);
  onErrorRef.current = opts.onError;
  const inFlight = useRef(false);

  const run = useCallback(
    (...args: A) =>
      runTracked(() => actionRef.current(...args), {
        inFlight,
        setRunning,
        setError: (m) => {
          setError(m);
          if (m !== null) onErrorRef.current?.(m);
        },
      }),
    [],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, running, error, clearError };
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
