import type { CampaignRule } from '@kaoping/shared';
import { useI18n } from '../../../i18n/i18n-context';

/** “pooled”, or “weighted (invited 0.6 + open 0.4)”. */
export function useRuleLabel(): (rule: CampaignRule) => string {
  const { t } = useI18n();
  return (rule) =>
    rule.combine === 'weighted' && rule.classWeights
      ? t('pe.rule.weightedValue', { invited: rule.classWeights.invited, open: rule.classWeights.open })
      : t('pe.rule.pooled');
}
