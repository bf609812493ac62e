import { Tooltip, Typography } from 'antd';
import type { ProjectRateName } from '@kaoping/shared';
import { useI18n } from '../../../i18n/i18n-context';
import type { RateView } from './projects.api';

export const RATE_NAMES: readonly ProjectRateName[] = ['startRate', 'fundsInPlaceRate', 'paymentRate', 'investmentCompletionRate'];

/** 0.825 → "82.5%" (up to two decimals). */
export function pct(share: number | null): string {
  if (share === null) return '—';
  return `${Number((share * 100).toFixed(2))}%`;
}

/** Percentage points of a lag, unsigned: −0.0525 → "5.25". */
export const points = (lag: number) => String(Number(Math.abs(lag * 100).toFixed(2)));

export const LAG_COLOR = '#cf1322';

/** A rate with its lag against what is expected; red when behind. The arithmetic is in the tooltip. */
export function RateCell({ rate, testId, stacked }: { rate: RateView; testId?: string; stacked?: boolean }) {
  const { t } = useI18n();
  if (rate.value === null) {
    return (
      <Tooltip title={rate.explanation.notes?.join('；')}>
        <Typography.Text type="secondary" data-testid={testId} data-lagging="false">
          {t('projects.notApplicable')}
        </Typography.Text>
      </Tooltip>
    );
  }
  const lag = rate.lag ?? 0;
  const tip = [rate.explanation.rule, ...rate.explanation.steps, ...(rate.explanation.notes ?? [])].join('\n');
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{tip}</span>}>
      <span data-testid={testId} data-lagging={String(rate.lagging)} style={{ color: rate.lagging ? LAG_COLOR : undefined, whiteSpace: 'nowrap', display: stacked ? 'inline-flex' : undefined, flexDirection: 'column' }}>
        <Typography.Text strong={rate.lagging} style={{ color: 'inherit' }}>
          {pct(rate.value)}
        </Typography.Text>
        {lag !== 0 && (
          <Typography.Text style={{ color: rate.lagging ? 'inherit' : '#8c8c8c', fontSize: 12, marginLeft: stacked ? 0 : 4 }}>
            {lag < 0 ? `−${points(lag)}` : `+${points(lag)}`}
          </Typography.Text>
        )}
      </span>
    </Tooltip>
  );
}
