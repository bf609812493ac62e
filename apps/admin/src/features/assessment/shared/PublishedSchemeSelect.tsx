import { Select } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import type { SchemeDto } from '../schemes/schemes.api';

/** Chooses one of the given scheme versions, shown as "2021 name v2". */
export function PublishedSchemeSelect({ schemes, value, onChange, loading }: { schemes: SchemeDto[]; value: number | undefined; onChange(id: number): void; loading?: boolean }) {
  const { t } = useI18n();
  return (
    <Select<number>
      data-testid="scheme-select"
      aria-label={t('assessment.scheme.label')}
      placeholder={t('assessment.scheme.pick')}
      prefix={`${t('assessment.scheme.label')}:`}
      loading={loading}
      value={value}
      onChange={onChange}
      style={{ minWidth: 280, maxWidth: 420 }}
      popupMatchSelectWidth={false}
      options={schemes.map((s) => ({ value: s.id, label: `${s.year} ${s.name} v${s.version}` }))}
    />
  );
}
