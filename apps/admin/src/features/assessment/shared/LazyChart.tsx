import { Suspense, lazy } from 'react';
import { Skeleton } from 'antd';
import type { AssessmentChartOption } from './EChart';

// ECharts is only needed on the assessment result pages: keep it out of the main bundle.
const EChart = lazy(() => import('./EChart'));

/** An ECharts chart loaded on first use, with a placeholder of the same height meanwhile. */
export function LazyChart(props: { option: AssessmentChartOption; height: number; testId?: string }) {
  return (
    <Suspense fallback={<div style={{ height: props.height }}><Skeleton active /></div>}>
      <EChart {...props} />
    </Suspense>
  );
}
