import { useEffect, useMemo, useRef, useState } from 'react';
import { use, type ComposeOption } from 'echarts/core';
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import { CanvasRenderer } from 'echarts/renderers';
import type { ScreenData, ScreenMeasure } from '@kaoping/shared';
import { useEChartsInstance } from '../../components/use-echarts';
import { HENGYANG_SERIES, loadHengyangMap, matchRegion, type MapRegion } from '../units/hengyang-map';
import { colorScale, measureValue } from './measure';

use([MapChart, CanvasRenderer]);

type ScreenUnit = ScreenData['units'][number];

interface Props {
  units: ScreenUnit[];
  measure: ScreenMeasure;
  format(u: ScreenUnit): string;
  /** Called once the map has drawn its regions with the data. */
  onRendered(): void;
}

/** Starts loading the county boundaries before the data arrives (the page calls it as it opens). */
export const preloadBoundaries = (): Promise<MapRegion[]> => loadHengyangMap();

/** The 12 counties, county-level cities and districts coloured by the chosen measure, each labelled with its value. */
export default function ScreenMap({ units, measure, format, onRendered }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [regions, setRegions] = useState<MapRegion[] | null>(null);
  const rendered = useRef(onRendered);
  useEffect(() => {
    rendered.current = onRendered;
  });

  useEffect(() => {
    loadHengyangMap().then(setRegions, () => setRegions([]));
  }, []);

  const chart = useEChartsInstance(container, regions && regions.length > 0, (instance) => {
    instance.on('finished', () => rendered.current());
  });

  const option = useMemo((): ComposeOption<MapSeriesOption> | null => {
    if (!regions) return null;
    const mapped = regions.map((r) => ({ region: r, unit: matchRegion(r, units) }));
    const scale = colorScale(
      mapped.map((m) => (m.unit ? measureValue(m.unit, measure) : null)),
      measure,
    );
    return {
      animation: false,
      series: [
        {
          ...HENGYANG_SERIES,
          selectedMode: false,
          label: {
            show: true,
            color: '#f8fafc',
            fontSize: 17,
            fontWeight: 'bold',
            textBorderColor: 'rgba(2,6,23,0.85)',
            textBorderWidth: 3,
          },
          itemStyle: { borderColor: '#0b1226', borderWidth: 1.5 },
          emphasis: { disabled: true },
          data: mapped.map((m) => ({
            name: m.region.name,
            // The five urban districts sit close together: smaller labels keep them apart.
            label: { formatter: `{b}\n${m.unit ? format(m.unit) : ''}`, fontSize: m.unit?.kind === 'district' ? 12 : 17 },
            itemStyle: { areaColor: scale.color(m.unit ? measureValue(m.unit, measure) : null) },
          })),
        },
      ],
    };
  }, [regions, units, measure, format]);

  useEffect(() => {
    if (option) chart.current?.setOption(option, { notMerge: true });
  }, [chart, option, regions]);

  // No boundaries (the file did not load): the park and region tiles still show every unit.
  useEffect(() => {
    if (regions && regions.length === 0) rendered.current();
  }, [regions]);

  return <div ref={container} className="screen-map" data-testid="screen-map" />;
}
