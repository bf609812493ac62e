import { Tag } from 'antd';
import type { BulletinSummary } from '@kaoping/shared';
import { useI18n } from '../../i18n/i18n-context';

const STATUS_COLORS = { draft: 'default', approved: 'blue', issued: 'green' } as const;

/** A bulletin's status (草稿 / 已审批 / 已印发), in its own module so the workbench need not load the archive page. */
export function BulletinStatusTag({ status }: { status: BulletinSummary['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(`bulletins.status.${status}`)}</Tag>;
}
