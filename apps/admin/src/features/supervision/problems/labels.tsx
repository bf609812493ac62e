import { Space, Tag, Tooltip } from 'antd';
import type { ProblemSource, ProblemStatus } from '@kaoping/shared';
import type { I18n } from '../../../i18n/i18n-context';
import { useI18n } from '../../../i18n/i18n-context';
import type { Light, ProblemDto } from './problems.api';

export { LIGHT_ORDER as LIGHTS, LIGHT_COLORS } from '../shared/lights';
const LIGHT_TAG: Record<Light, string> = { green: 'success', blue: 'processing', yellow: 'warning', red: 'error' };

/** Why a problem has its light, as the server worked it out (in the reader's language); a problem without one is closed out. */
export function lightReason(p: Pick<ProblemDto, 'light'>, t: I18n['t']): string {
  return p.light.light ? p.light.reason : t('problems.light.reason.done');
}

/** The light of a problem as a coloured tag, its reason on hover (or beside it), and the alert of a red one nobody acts on. */
export function LightTag({ problem, showReason = false }: { problem: ProblemDto; showReason?: boolean }) {
  const { t } = useI18n();
  const light = problem.light.light;
  const reason = lightReason(problem, t);
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
