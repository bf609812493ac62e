import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useKeyedAction } from '../../../api/use-action';
import { useI18n } from '../../../i18n/i18n-context';
import { schemesApi, type ExportFormat, type SchemeDto } from './schemes.api';

/** Downloads one scheme version as YAML, JSON or Excel. */
export function SchemeExportButton({ scheme, size }: { scheme: SchemeDto; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  // One run a format: a second format chosen while the first downloads is not dropped.
  const download = useKeyedAction(
    async (format: ExportFormat) => {
      const file = await schemesApi.exportFile(scheme, format);
      void message.success(t('common.exported', { file }));
    },
    { onError: (m) => void message.error(m) },
  );
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'yaml', label: <span data-testid={`scheme-export-yaml-${scheme.id}`}>{t('assessment.schemes.exportYaml')}</span> },
          { key: 'json', label: <span data-testid={`scheme-export-json-${scheme.id}`}>{t('assessment.schemes.exportJson')}</span> },
          { key: 'xlsx', label: <span data-testid={`scheme-export-xlsx-${scheme.id}`}>{t('assessment.schemes.exportXlsx')}</span> },
        ],
        onClick: ({ key }) => void download.run(key as ExportFormat),
      }}
    >
      <Button size={size} icon={<DownloadOutlined />} loading={download.running} data-testid={`scheme-export-${scheme.id}`}>
        {t('assessment.schemes.export')}
      </Button>
    </Dropdown>
  );
}
