import { useEffect, useRef } from 'react';
import { use, type ComposeOption } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChartsInstance } from '../../../components/use-echarts';

use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The chart options the assessment pages use: bars and lines on a grid, with legend, tooltip and marked lines. */
export type AssessmentChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

/**
 * One ECharts canvas that follows its container's size and is replaced, not merged, when the
 * option changes. A default export so that pages load ECharts lazily.
 */
export default function EChart({ option, height, testId }: { option: AssessmentChartOption; height: number; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useEChartsInstance(container, true);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    chart.current?.resize();
  }, [height]);

  return <div ref={container} data-testid={testId} style={{ width: '100%', height }} />;
}
