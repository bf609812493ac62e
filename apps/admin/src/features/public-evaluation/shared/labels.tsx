import { Tag } from 'antd';
import type { SuggestionCategory } from '@kaoping/shared';
import { useI18n } from '../../../i18n/i18n-context';
import type { CampaignStatus } from '../campaigns.api';
import type { SuggestionStatus } from '../suggestions.api';

const CAMPAIGN_COLORS: Record<CampaignStatus, string> = { draft: 'default', open: 'processing', closed: 'success' };

export function CampaignStatusTag({ status }: { status: CampaignStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={CAMPAIGN_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="campaign-status" data-status={status}>
      {t(`pe.campaign.status.${status}`)}
    </Tag>
  );
}

const SUGGESTION_COLORS: Record<SuggestionStatus, string> = {
  new: 'default',
  sorted: 'blue',
  forwarded: 'processing',
  replied: 'gold',
  accepted: 'success',
  returned: 'error',
};

export function SuggestionStatusTag({ status }: { status: SuggestionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={SUGGESTION_COLORS[status]} data-status={status}>
      {t(`pe.sug.status.${status}`)}
    </Tag>
  );
}

const CATEGORY_COLORS: Record<SuggestionCategory, string> = { clear: 'geekblue', vague: 'default', duplicate: 'purple', praise: 'green', abusive: 'red' };

export function CategoryTag({ category }: { category: SuggestionCategory | null }) {
  const { t } = useI18n();
  if (!category) return <Tag variant="outlined">{t('pe.sug.category.unsorted')}</Tag>;
  return <Tag color={CATEGORY_COLORS[category]}>{t(`pe.sug.category.${category}`)}</Tag>;
}

/** A satisfaction rate such as 76.51%, or — when nobody gave a countable answer. */
export const formatRate = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)}%`);
