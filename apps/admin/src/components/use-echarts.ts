import { useEffect, useRef, type RefObject } from 'react';
import { init, type ECharts } from 'echarts/core';

/**
 * An ECharts canvas on `container`: made once `ready` is truthy (a map's boundaries registered, say)
 * and again when it changes, following the container's size, disposed with the component. `setup`
 * adds the chart's event handlers when it is made. Options are set by the caller on the returned ref.
 */
export function useEChartsInstance(container: RefObject<HTMLDivElement | null>, ready: unknown, setup?: (instance: ECharts, el: HTMLDivElement) => void): RefObject<ECharts | null> {
  const chart = useRef<ECharts | null>(null);
  const setupRef = useRef(setup);
  // Declared before the effect that makes the chart, so a new chart gets this render's handlers.
  useEffect(() => {
    setupRef.current = setup;
  });
  useEffect(() => {
    const el = container.current;
    if (!ready || !el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    setupRef.current?.(instance, el);
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [container, ready]);
  return chart;
}
