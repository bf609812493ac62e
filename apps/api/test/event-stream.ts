/** Server-sent events read in a test as a browser's EventSource reads them. */

/** Opens an event stream; `next(event, since, ms)` waits for an event of that name received after `since`. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: { event: string; data: string; at: number }[] = [];
  let waiters: (() => void)[] = [];
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
          if (event) events.push({ event, data, at: Date.now() });
          waiters.forEach((w) => w());
          waiters = [];
        }
      }
    } catch {
      // aborted
    }
  })();
  const next = async (event: string, since: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.event === event && e.at >= since);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no "${event}" event within ${timeoutMs} ms; saw ${events.map((e) => e.event).join(', ')}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return { res, events, next, close: () => controller.abort() };
}
