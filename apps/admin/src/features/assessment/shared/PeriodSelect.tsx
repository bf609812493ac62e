import { useMemo } from 'react';
import { Select } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import type { PeriodDto } from '../schemes/schemes.api';
import { frequencyKey, periodStatusKey } from './workflow-labels';

const ORDER = ['month', 'quarter', 'year', 'tenDay', 'week'];

/** Chooses a reporting period, grouped by frequency, each with its state (open, closed …). */
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
  const options = useMemo(() => {
    const byFrequency = new Map<string, PeriodDto[]>();
    for (const p of periods) byFrequency.set(p.frequency, [...(byFrequency.get(p.frequency) ?? []), p]);
    return [...byFrequency.entries()]
      .sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b))
      .map(([frequency, list]) => {
        const key = frequencyKey(frequency);
        return {
          label: key ? t(key) : frequency,
          options: list.map((p) => ({ value: p.id, label: `${p.label} · ${t(periodStatusKey(p.status))}`, search: `${p.label} ${p.key}` })),
        };
      });
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
      options={options}
    />
  );
}
