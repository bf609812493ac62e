// What the citizens' page needs beyond ES2017, for the WebViews of older phones (WeChat's before
// Chrome 71, iOS before 12.2): Preact schedules its re-renders with queueMicrotask, and without it
// the page would stay on "正在加载…". A resolved promise runs the callback as a microtask too; an
// error it throws is reported as an uncaught error, as queueMicrotask would.
if (typeof window.queueMicrotask !== 'function') {
  window.queueMicrotask = (callback: VoidFunction) => {
    Promise.resolve()
      .then(callback)
      .catch((err: unknown) =>
        setTimeout(() => {
          throw err;
        }),
      );
  };
}

export {};
