import { useEffect, useRef, useState } from 'react';
import { Alert, Card, Empty, Flex, Spin, Typography } from 'antd';
import { format, use, type ComposeOption } from 'echarts/core';
import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import { GeoComponent, TooltipComponent, type GeoComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { errorMessage } from '../../../api/api-error';
import { useEChartsInstance } from '../../../components/use-echarts';
import { useI18n } from '../../../i18n/i18n-context';
import { HENGYANG_MAP, loadHengyangMap } from '../../units/hengyang-map';
import type { MapPoint } from './inspections.api';

use([GeoComponent, ScatterChart, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<GeoComponentOption | ScatterSeriesOption | TooltipComponentOption>;

/** Findings on the ledger are red, the others blue. */
export const POINT_COLORS = { problem: '#f5222d', finding: '#1677ff' };

interface Datum {
  name: string;
  value: [number, number];
  point: MapPoint;
}

/**
 * The findings of undercover inspections on the county map of Hengyang, drawn from the boundaries
 * the admin serves itself (no map tiles from elsewhere). Clicking a point opens it.
 */
export function FindingsMap({ points, loading, height = 380, onOpen }: { points: MapPoint[]; loading: boolean; height?: number; onOpen(p: MapPoint): void }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const onOpenRef = useRef(onOpen);
  const [ready, setReady] = useState(false);
  const chart = useEChartsInstance(container, ready, (instance) =>
    instance.on('click', (params) => {
      const d = params.data as Datum | undefined;
      if (d?.point) onOpenRef.current(d.point);
    }),
  );
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    onOpenRef.current = onOpen;
  });

  useEffect(() => {
    let live = true;
    loadHengyangMap().then(
      () => live && setReady(true),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);


  useEffect(() => {
    const instance = chart.current;
    const el = container.current;
    if (!instance || !el) return;
    const esc = format.encodeHTML;
    const series = (onLedger: boolean): ScatterSeriesOption => ({
      type: 'scatter',
      coordinateSystem: 'geo',
      name: onLedger ? t('inspections.map.onLedger') : t('inspections.map.notOnLedger'),
      symbolSize: 12,
      // Markers on a layer of their own above the map, so a district's name never covers one.
      zlevel: 1,
      itemStyle: { color: onLedger ? POINT_COLORS.problem : POINT_COLORS.finding, borderColor: '#fff', borderWidth: 1.5 },
      emphasis: { scale: 1.6 },
      data: points
        .filter((p) => (p.problem !== null) === onLedger)
        .map<Datum>((p) => ({ name: p.title, value: [p.longitude, p.latitude], point: p })),
    });
    const option: Option = {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const d = (Array.isArray(params) ? params[0] : params)?.data as Datum | undefined;
          if (!d) return '';
          const p = d.point;
          const img = p.thumbnailUrl ? `<img src="${esc(p.thumbnailUrl)}" style="width:120px;height:90px;object-fit:cover;border-radius:4px;display:block;margin-top:4px"/>` : '';
          const status = p.problem ? t('inspections.map.problem', { id: p.problem.id }) : t('inspections.map.notOnLedger');
          return `<b>${esc(p.title)}</b><br/>${esc(p.inspectedOn)} · ${esc(p.place || t('common.none'))}<br/>${esc(status)} · ${esc(t('inspections.map.media', { count: p.mediaCount }))}${img}`;
        },
      },
      geo: {
        map: HENGYANG_MAP,
        roam: true,
        layoutCenter: ['50%', '50%'],
        layoutSize: '98%',
        // District names small and pale, beneath the markers' layer.
        label: { show: true, fontSize: 10, color: 'rgba(90, 90, 90, 0.7)' },
        itemStyle: { areaColor: '#eef3f8', borderColor: '#b8c7d9' },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#dce8f5' } },
        select: { disabled: true },
      },
      series: [series(false), series(true)],
    };
    instance.setOption(option, { notMerge: true });
    el.dataset.pointCount = String(points.length);
  }, [points, ready, t]);

  return (
    <Card size="small" title={t('inspections.map.title')} extra={<Typography.Text type="secondary">{t('inspections.map.hint')}</Typography.Text>}>
      {error !== null && <Alert type="warning" showIcon title={t('map.failed')} description={errorMessage(error)} />}
      {error === null && (
        <Spin spinning={!ready || loading} description={t('map.loading')}>
          <div style={{ position: 'relative' }}>
            <div ref={container} data-testid="findings-map" style={{ width: '100%', height }} />
            {ready && !loading && points.length === 0 && (
              <Flex align="center" justify="center" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.map.empty')} />
              </Flex>
            )}
          </div>
        </Spin>
      )}
      <Flex gap={16} wrap align="center" style={{ marginTop: 8 }}>
        {([true, false] as const).map((onLedger) => (
          <Flex key={String(onLedger)} gap={6} align="center">
            <span style={{ width: 10, height: 10, borderRadius: '50%', background: onLedger ? POINT_COLORS.problem : POINT_COLORS.finding }} />
            <Typography.Text style={{ fontSize: 12 }}>{onLedger ? t('inspections.map.onLedger') : t('inspections.map.notOnLedger')}</Typography.Text>
          </Flex>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto' }}>
          {t('map.credit')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
