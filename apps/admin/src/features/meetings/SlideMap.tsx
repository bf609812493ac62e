import { useEffect, useRef, useState } from 'react';
import { use } from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChartsInstance } from '../../components/use-echarts';
import { HENGYANG_MAP, loadHengyangMap, type MapRegion } from '../units/hengyang-map';

use([MapChart, CanvasRenderer]);

/** Whether the county map has a region for this unit (parks have none). */
export const onMap = (regions: readonly MapRegion[] | null, name: string) => (regions ?? []).some((r) => r.name === name);

/**
 * The county map of the units page (hengyang-map.ts, the same boundaries), on a slide: every region
 * subdued and the presenting unit's filled in the accent colour. Boundaries are fetched once per page
 * load, so the map keeps drawing after the network drops.
 */
export function SlideMap({ regions, highlight, dark }: { regions: MapRegion[]; highlight: string; dark: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useEChartsInstance(container, regions.length > 0);
  useEffect(() => {
    chart.current?.setOption({
      series: [
        {
          type: 'map',
          map: HENGYANG_MAP,
          roam: false,
          silent: true,
          layoutCenter: ['50%', '50%'],
          layoutSize: '96%',
          label: { show: true, fontSize: 18, color: dark ? '#cfd8e3' : '#333' },
          itemStyle: { borderColor: dark ? '#0b1626' : '#fff', borderWidth: 1.5, areaColor: dark ? '#23364f' : '#dfe7f1' },
          data: regions.map((r) => ({
            name: r.name,
            itemStyle: { areaColor: r.name === highlight ? '#f5222d' : dark ? '#23364f' : '#dfe7f1' },
            label: { show: true, color: r.name === highlight ? '#fff' : dark ? '#cfd8e3' : '#333', fontWeight: r.name === highlight ? 'bold' : 'normal', fontSize: r.name === highlight ? 26 : 16 },
          })),
        },
      ],
    });
  }, [chart, regions, highlight, dark]);
  return <div ref={container} data-testid="slide-map" data-highlight={highlight} style={{ width: '100%', height: '100%' }} />;
}

/** The boundaries, loaded once; null until they are (or when they cannot be). */
export function useMapRegions(): MapRegion[] | null {
  const [regions, setRegions] = useState<MapRegion[] | null>(null);
  useEffect(() => {
    let live = true;
    loadHengyangMap().then(
      (r) => live && setRegions(r),
      () => live && setRegions([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return regions;
}
