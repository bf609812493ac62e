import { useCallback } from 'react';
import { formatDateTime } from '../../../components/format';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/zh-CN';
import type { RunDto } from './score-runs.api';

/** Points for display: two decimals, the stored value keeps full precision. */
export const fmtPoints = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : x.toFixed(2));

/** A signed difference, e.g. +1.25 / −0.50; zero shows as 0.00. */
export const fmtDelta = (x: number): string => (Math.abs(x) < 0.005 ? '0.00' : `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`);

/** A share as a percentage with one decimal, e.g. 0.7333 → 73.3%. */
export const fmtPct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The default grade names of DOMAIN.md §2; a scheme may define others, shown as they are. */
const GRADE_KEYS: Record<string, MessageKey> = {
  优秀: 'results.grade.excellent',
  良好: 'results.grade.good',
  一般: 'results.grade.fair',
  较差: 'results.grade.poor',
  不达标: 'results.grade.fail',
};

const GRADE_COLORS: Record<string, string> = { 优秀: 'success', 良好: 'processing', 一般: 'warning', 较差: 'error', 不达标: 'error' };

export const gradeColor = (grade: string): string => GRADE_COLORS[grade] ?? 'default';

/** Labels of grades, triggers and runs in the current language. */
export function useResultLabels() {
  const { t, lang } = useI18n();
  const gradeLabel = useCallback(
    (grade: string) => {
      const key = GRADE_KEYS[grade];
      return key && lang !== 'zh-CN' ? t(key) : grade;
    },
    [t, lang],
  );
  const triggerLabel = useCallback((trigger: string) => (trigger === 'schedule' ? t('results.trigger.schedule') : t('results.trigger.manual')), [t]);
  const runLabel = useCallback(
    (run: RunDto) => t('results.runLabel', { asOf: run.asOf, id: run.id, trigger: triggerLabel(run.trigger), at: formatDateTime(run.createdAt) }),
    [t, triggerLabel],
  );
  const runShortLabel = useCallback((run: RunDto) => t('results.runLabelShort', { asOf: run.asOf, id: run.id }), [t]);
  return { gradeLabel, triggerLabel, runLabel, runShortLabel };
}
