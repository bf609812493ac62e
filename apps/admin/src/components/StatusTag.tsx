import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n-context';

/** Active / inactive as a coloured tag. */
export function StatusTag({ active }: { active: boolean }) {
  const { t } = useI18n();
  return <Tag color={active ? 'success' : 'default'}>{active ? t('common.active') : t('common.inactive')}</Tag>;
}
