import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n/i18n-context';

export function ProblemsPage() {
  const { t } = useI18n();
  return <PageHeader title={t('problems.title')} />;
}
