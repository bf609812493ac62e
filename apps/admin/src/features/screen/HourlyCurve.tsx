import { useEffect, useMemo, useRef } from 'react';
import { use, type ComposeOption } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChartsInstance } from '../../components/use-echarts';
import { inZone } from '../../components/format';

use([LineChart, GridComponent, CanvasRenderer]);

/** Responses per hour over the last 24 hours, as a filled line. */
export default function HourlyCurve({ hourly }: { hourly: { hour: string; responses: number }[] }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useEChartsInstance(container, true);
  const option = useMemo(
    (): ComposeOption<LineSeriesOption | GridComponentOption> => ({
      animation: false,
      grid: { left: 44, right: 12, top: 12, bottom: 28 },
      xAxis: {
        type: 'category',
        data: hourly.map((h) => inZone(h.hour).format('HH:00')),
        axisLabel: { color: '#94a3b8', fontSize: 13, interval: 5 },
        axisLine: { lineStyle: { color: '#334155' } },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#94a3b8', fontSize: 13 }, splitLine: { lineStyle: { color: '#1e293b' } } },
      series: [{ type: 'line', data: hourly.map((h) => h.responses), smooth: 0.3, symbol: 'none', lineStyle: { color: '#38bdf8', width: 3 }, areaStyle: { color: 'rgba(56,189,248,0.25)' } }],
    }),
    [hourly],
  );
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [chart, option]);
  return <div ref={container} className="screen-curve" data-testid="screen-curve" />;
}
