import { useMemo } from 'react';
import { Select, Tag } from 'antd';
import { currentPeriod } from '@kaoping/shared';
import { todayInZone } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import type { PeriodDto } from '../schemes/schemes.api';
import { frequencyKey, periodStatusKey } from './workflow-labels';

/** 旬, 月, 季, 年 (then weeks), as offices think of their reporting. */
const ORDER = ['tenDay', 'month', 'quarter', 'year', 'week'];

/**
 * Chooses a reporting period, grouped by type (旬 / 月 / 季 / 年), each with its state (open, closed …);
 * the current period of each type is marked 本期, and the list opens scrolled to it.
 */
export function PeriodSelect({
  periods,
  value,
  onChange,
  loading,
  testId = 'reporting-period',
  allowClear = false,
}: {
  periods: PeriodDto[];
  value: number | undefined;
  onChange(id: number | undefined): void;
  loading?: boolean;
  testId?: string;
  allowClear?: boolean;
}) {
  const { t } = useI18n();
  const { options, current } = useMemo(() => {
    const today = todayInZone();
    const byFrequency = new Map<string, PeriodDto[]>();
    for (const p of periods) byFrequency.set(p.frequency, [...(byFrequency.get(p.frequency) ?? []), p]);
    const currents = new Set<number>();
    const groups = [...byFrequency.entries()]
      .sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b))
      .map(([frequency, list]) => {
        const key = frequencyKey(frequency);
        const now = currentPeriod(list, today);
        if (now) currents.add(now.id);
        return {
          label: key ? t(key) : frequency,
          options: list.map((p) => ({
            value: p.id,
            label: (
              <span data-current-period={p.id === now?.id ? 'true' : undefined} data-period-key={p.key}>
                {`${p.label} · ${t(periodStatusKey(p.status))}`}
                {p.id === now?.id && (
                  <Tag color="blue" style={{ marginInlineStart: 6 }}>
                    {t('assessment.period.current')}
                  </Tag>
                )}
              </span>
            ),
            search: `${p.label} ${p.key}`,
          })),
        };
      });
    // The 旬 of now first: it is what most reporting is about.
    return { options: groups, current: [...currents][0] };
  }, [periods, t]);
  return (
    <Select<number>
      data-testid={testId}
      aria-label={t('assessment.period.label')}
      placeholder={t('assessment.period.pick')}
      prefix={`${t('assessment.period.label')}:`}
      showSearch={{ optionFilterProp: 'search' }}
      loading={loading}
      value={value}
      onChange={(id?: number) => onChange(id)}
      allowClear={allowClear}
      style={{ minWidth: 260 }}
      popupMatchSelectWidth={false}
      // Every option is rendered (a year holds about a hundred), so the list can open on the current one.
      virtual={false}
      onOpenChange={(open) => {
        if (!open || value !== undefined || current === undefined) return;
        setTimeout(() => document.querySelector('.ant-select-dropdown [data-current-period="true"]')?.scrollIntoView({ block: 'center' }), 0);
      }}
      options={options}
    />
  );
}
