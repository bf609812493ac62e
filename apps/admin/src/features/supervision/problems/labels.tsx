import { Space, Tag, Tooltip } from 'antd';
import type { ProblemSource, ProblemStatus } from '@kaoping/shared';
import type { MessageVars } from '../../../i18n/i18n-context';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/zh-CN';
import type { Light, ProblemDto } from './problems.api';

export const LIGHTS: readonly Light[] = ['red', 'yellow', 'blue', 'green'];
export const LIGHT_COLORS: Record<Light, string> = { green: '#52c41a', blue: '#1677ff', yellow: '#faad14', red: '#f5222d' };
const LIGHT_TAG: Record<Light, string> = { green: 'success', blue: 'processing', yellow: 'warning', red: 'error' };

const DAY = 86_400_000;
/** A date alone means the end of that day, China time, as on the server. */
const endOfDay = (d: string) => Date.parse(`${d}T23:59:59.999+08:00`);

/** Why a problem has its light, in the reader's language (the rule of lights.ts, DOMAIN.md §5). */
export function lightReason(p: Pick<ProblemDto, 'light' | 'deadline' | 'returned' | 'progress'>, now = Date.now()): [MessageKey, MessageVars?] {
  const left = endOfDay(p.deadline) - now;
  switch (p.light.light) {
    case null:
      return ['problems.light.reason.done'];
    case 'red':
      return ['problems.light.reason.overdue', { days: Math.max(1, Math.ceil(-left / DAY)) }];
    case 'yellow':
      return p.returned
        ? ['problems.light.reason.returned']
        : ['problems.light.reason.behind', { progress: Math.round(p.progress), expected: Math.round(p.light.expected) }];
    case 'blue': {
      const days = Math.floor(left / DAY);
      return days <= 0 ? ['problems.light.reason.today'] : ['problems.light.reason.daysLeft', { days }];
    }
    default:
      return ['problems.light.reason.onTrack'];
  }
}

/** The light of a problem as a coloured tag, its reason on hover (or beside it), and the alert of a red one nobody acts on. */
export function LightTag({ problem, showReason = false }: { problem: ProblemDto; showReason?: boolean }) {
  const { t } = useI18n();
  const light = problem.light.light;
  const [key, vars] = lightReason(problem);
  const reason = t(key, vars);
  const tag = (
    <Tag color={light ? LIGHT_TAG[light] : 'default'} style={{ marginInlineEnd: 0 }} data-testid={`light-${problem.id}`} data-light={light ?? 'none'}>
      {light ? t(`problems.light.${light}`) : t('problems.light.none')}
    </Tag>
  );
  return (
    <Space size={4} wrap>
      {showReason ? tag : <Tooltip title={reason}>{tag}</Tooltip>}
      {problem.light.alert && (
        <Tooltip title={t('problems.light.alertHint')}>
          <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }}>
            {t('problems.light.alert')}
          </Tag>
        </Tooltip>
      )}
      {showReason && light && <span data-testid="light-reason">{reason}</span>}
    </Space>
  );
}

const STATUS_COLORS: Record<ProblemStatus, string> = { open: 'default', rectifying: 'processing', submitted: 'gold', closed: 'success' };

export function ProblemStatusTag({ status, returned = false }: { status: ProblemStatus; returned?: boolean }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="problem-status" data-status={status}>
        {t(`problems.status.${status}`)}
      </Tag>
      {returned && status !== 'closed' && <Tag color="orange">{t('problems.returned')}</Tag>}
    </Space>
  );
}

const SOURCE_COLORS: Record<ProblemSource, string> = { inspection: 'purple', assessment: 'geekblue', audit: 'cyan' };

export function SourceTag({ source }: { source: ProblemSource }) {
  const { t } = useI18n();
  return (
    <Tag color={SOURCE_COLORS[source]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t(`problems.source.${source}`)}
    </Tag>
  );
}
