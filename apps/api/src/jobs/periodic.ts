/**
 * Runs `pass` now and then every `everyMs`, never two at once (a pass still running when the next
 * falls due is not started again). A failed pass is logged and the next one tries again. Returns a
 * stop function. The timer does not hold the process open.
 */
export function runPeriodically(everyMs: number, pass: () => Promise<void>, onError: (err: unknown) => void): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await pass();
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
