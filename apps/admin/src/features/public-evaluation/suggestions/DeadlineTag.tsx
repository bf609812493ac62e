import { Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/i18n-context';
import type { SuggestionDto } from '../suggestions.api';
import { pickerToday } from '../../../components/format';

/** The deadline of a forwarded suggestion, with “overdue” or the days left while it awaits an answer. */
export function DeadlineTag({ s }: { s: SuggestionDto }) {
  const { t } = useI18n();
  if (!s.deadline) return <>—</>;
  const waiting = s.status === 'forwarded' || s.status === 'returned';
  const days = dayjs(s.deadline).diff(pickerToday(), 'day');
  return (
    <Space size={4} wrap>
      <Typography.Text>{s.deadline}</Typography.Text>
      {s.overdue ? (
        <Tag color="error" data-testid={`overdue-${s.id}`}>
          {t('pe.sug.overdue')}
        </Tag>
      ) : (
        waiting && <Tag color={days <= 3 ? 'warning' : 'default'}>{days === 0 ? t('pe.sug.dueToday') : t('pe.sug.daysLeft', { days })}</Tag>
      )}
    </Space>
  );
}
