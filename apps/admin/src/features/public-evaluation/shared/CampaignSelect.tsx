import { Select, Space } from 'antd';
import { useI18n } from '../../../i18n/i18n-context';
import type { CampaignDto } from '../campaigns.api';
import { CampaignStatusTag } from './labels';

/** Picks a campaign; each option shows its status. */
export function CampaignSelect({
  campaigns,
  value,
  onChange,
  loading,
  allowClear,
  placeholder,
}: {
  campaigns: CampaignDto[];
  value: number | undefined;
  onChange(id: number | undefined): void;
  loading?: boolean;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const { t } = useI18n();
  return (
    <Select<number>
      value={value}
      onChange={(id?: number) => onChange(id)}
      loading={loading}
      allowClear={allowClear}
      placeholder={placeholder ?? t('pe.campaign.pick')}
      aria-label={t('pe.campaign.label')}
      style={{ minWidth: 360 }}
      data-testid="campaign-select"
      options={campaigns.map((c) => ({
        value: c.id,
        label: (
          <Space size={8}>
            <span>{c.name}</span>
            <CampaignStatusTag status={c.status} />
          </Space>
        ),
      }))}
    />
  );
}
