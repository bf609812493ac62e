import { Tag, Tooltip } from 'antd';
import type { MessageKey } from '../../../i18n/zh-CN';
import { useI18n } from '../../../i18n/i18n-context';
import type { ValueStatus } from '../reporting/reporting.api';
import type { PeriodStatus, SchemeStatus } from '../schemes/schemes.api';

const PERIOD_COLORS: Record<PeriodStatus, string> = { pending: 'default', open: 'processing', closed: 'warning', locked: 'default' };
const VALUE_COLORS: Record<ValueStatus, string> = { empty: 'default', draft: 'gold', submitted: 'processing', approved: 'success', returned: 'error' };
const SCHEME_COLORS: Record<SchemeStatus, string> = { draft: 'gold', published: 'success', archived: 'default' };

const FREQUENCIES = ['week', 'tenDay', 'month', 'quarter', 'year'] as const;
const METHODS = ['ratio', 'rank', 'bands', 'grade', 'deduct', 'bonus', 'veto', 'progress', 'formula'] as const;

/** The label key of a reporting frequency, or null for one the admin does not know. */
export function frequencyKey(f: string | undefined | null): MessageKey | null {
  return f && (FREQUENCIES as readonly string[]).includes(f) ? (`assessment.frequency.${f}` as MessageKey) : null;
}

/** The label key of a scoring method, or null for one the admin does not know. */
export function methodKey(m: string | undefined | null): MessageKey | null {
  return m && (METHODS as readonly string[]).includes(m) ? (`assessment.method.${m}` as MessageKey) : null;
}

export const periodStatusKey = (s: PeriodStatus): MessageKey => `assessment.period.status.${s}`;

/** A reporting period's state: not open, open, closed, locked. */
export function PeriodStatusTag({ status }: { status: PeriodStatus }) {
  const { t } = useI18n();
  return <Tag color={PERIOD_COLORS[status]}>{t(periodStatusKey(status))}</Tag>;
}

/** A scheme version's state: draft, published, archived. */
export function SchemeStatusTag({ status }: { status: SchemeStatus }) {
  const { t } = useI18n();
  return <Tag color={SCHEME_COLORS[status]}>{t(`assessment.schemes.status.${status}`)}</Tag>;
}

/** A value's state in the approval chain; a returned value shows its reason on hover. */
export function ValueStatusTag({ status, reason, testId }: { status: ValueStatus; reason?: string | null; testId?: string }) {
  const { t } = useI18n();
  const tag = (
    <Tag color={VALUE_COLORS[status]} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`assessment.value.status.${status}`)}
    </Tag>
  );
  return reason ? <Tooltip title={t('assessment.value.returnReason', { reason })}>{tag}</Tooltip> : tag;
}

/** A number as entered: up to four decimals, no trailing zeros. */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}
