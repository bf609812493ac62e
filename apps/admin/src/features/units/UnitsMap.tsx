import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Card, Flex, Spin, Typography, theme } from 'antd';
import { format, use } from 'echarts/core';
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { UnitDto, UnitKind } from '@kaoping/shared';
import { errorMessage } from '../../api/api-error';
import { useEChartsInstance } from '../../components/use-echarts';
import { useI18n } from '../../i18n/i18n-context';
import { HENGYANG_SERIES, loadHengyangMap, matchRegion, type MapRegion } from './hengyang-map';

use([MapChart, TooltipComponent, CanvasRenderer]);

type MapOption = ComposeOption<MapSeriesOption | TooltipComponentOption>;

/** Fill colours by unit kind; the map shows only counties and districts. */
export const KIND_COLORS: Partial<Record<UnitKind, string>> = { county: '#8fb8de', district: '#f2a27c' };
const UNMATCHED_COLOR = '#e8e8e8';

interface RegionDatum {
  name: string;
  unitId: number | null;
  code: string | null;
  kind: UnitKind | null;
  itemStyle: { areaColor: string };
  /** Urban districts are too small for a permanent label: theirs appears on hover. */
  label?: { show: boolean };
  emphasis?: { label: { show: boolean } };
  select?: { label: { show: boolean } };
}

interface Props {
  units: UnitDto[];
  selectedUnitId: number | null;
  onSelect(unitId: number | null): void;
}

/** The 12 county-level regions of Hengyang coloured by kind; clicking one filters the table. */
export default function UnitsMap({ units, selectedUnitId, onSelect }: Props) {
  const { t, kindLabel } = useI18n();
  const { token } = theme.useToken();
  const container = useRef<HTMLDivElement>(null);
  const onSelectRef = useRef(onSelect);
  const selectedRef = useRef(selectedUnitId);
  const [regions, setRegions] = useState<MapRegion[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    onSelectRef.current = onSelect;
    selectedRef.current = selectedUnitId;
  });

  useEffect(() => {
    let live = true;
    loadHengyangMap().then(
      (r) => live && setRegions(r),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);

  const data = useMemo<RegionDatum[]>(
    () =>
      (regions ?? []).map((region) => {
        const unit = matchRegion(region, units);
        return {
          name: region.name,
          unitId: unit?.id ?? null,
          code: unit?.code ?? region.adcode,
          kind: unit?.kind ?? null,
          itemStyle: { areaColor: (unit && KIND_COLORS[unit.kind]) ?? UNMATCHED_COLOR },
          ...(unit?.kind === 'district' ? { label: { show: false }, emphasis: { label: { show: true } }, select: { label: { show: true } } } : {}),
        };
      }),
    [regions, units],
  );

  // The chart is made once the boundaries are registered.
  const chart = useEChartsInstance(container, regions, (instance, el) => {
    instance.on('click', (params) => {
      // A second click on the selected region clears the filter.
      const unitId = (params.data as RegionDatum | undefined)?.unitId ?? null;
      onSelectRef.current(unitId === selectedRef.current ? null : unitId);
    });
    instance.on('finished', () => {
      el.dataset.regionCount = String(regions?.length ?? 0);
    });
  });

  useEffect(() => {
    const instance = chart.current;
    const el = container.current;
    if (!instance || !el) return;
    const option: MapOption = {
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = (Array.isArray(p) ? p[0] : p)?.data as RegionDatum | undefined;
          if (!d) return '';
          const kind = d.kind ? kindLabel(d.kind) : t('map.noUnit');
          const esc = format.encodeHTML;
          return `<b>${esc(d.name)}</b><br/>${esc(t('units.code'))}: ${esc(d.code ?? t('common.none'))}<br/>${esc(kind)}`;
        },
      },
      series: [
        {
          ...HENGYANG_SERIES,
          selectedMode: 'single',
          label: { show: true, fontSize: 11, color: '#333' },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          emphasis: { label: { show: true, color: '#000', fontWeight: 'bold' }, itemStyle: { areaColor: token.colorPrimaryBorderHover } },
          select: { label: { show: true, color: '#fff', fontWeight: 'bold' }, itemStyle: { areaColor: token.colorPrimary } },
          data: data.map((d) => ({ ...d, selected: d.unitId !== null && d.unitId === selectedUnitId })),
        },
      ],
    };
    instance.setOption(option, { notMerge: false });
    el.dataset.matchedCount = String(data.filter((d) => d.unitId !== null).length);
  }, [data, selectedUnitId, t, kindLabel, token.colorPrimary, token.colorPrimaryBorderHover]);

  return (
    <Card title={t('map.title')} extra={<Typography.Text type="secondary">{t('map.hint')}</Typography.Text>} style={{ height: '100%' }}>
      {error !== null && <Alert type="warning" showIcon title={t('map.failed')} description={errorMessage(error)} />}
      {error === null && (
        <Spin spinning={regions === null} description={t('map.loading')}>
          <div ref={container} data-testid="units-map" style={{ width: '100%', height: 380 }} />
        </Spin>
      )}
      <Flex gap={16} wrap align="center" style={{ marginTop: 8 }}>
        {(['county', 'district'] as const).map((kind) => (
          <Flex key={kind} gap={6} align="center">
            <span style={{ width: 12, height: 12, borderRadius: 2, background: KIND_COLORS[kind] }} />
            <Typography.Text style={{ fontSize: 12 }}>{kindLabel(kind)}</Typography.Text>
          </Flex>
        ))}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }} data-testid="map-credit">
        {t('map.credit')}
      </Typography.Paragraph>
    </Card>
  );
}
