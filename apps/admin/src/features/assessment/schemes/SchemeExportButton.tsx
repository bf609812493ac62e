import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api/api-error';
import { useI18n } from '../../../i18n/i18n-context';
import { schemesApi, type ExportFormat, type SchemeDto } from './schemes.api';

/** Downloads one scheme version as YAML, JSON or Excel. */
export function SchemeExportButton({ scheme, size }: { scheme: SchemeDto; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const file = await schemesApi.exportFile(scheme, format);
      void message.success(t('common.exported', { file }));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'yaml', label: <span data-testid={`scheme-export-yaml-${scheme.id}`}>{t('assessment.schemes.exportYaml')}</span> },
          { key: 'json', label: <span data-testid={`scheme-export-json-${scheme.id}`}>{t('assessment.schemes.exportJson')}</span> },
          { key: 'xlsx', label: <span data-testid={`scheme-export-xlsx-${scheme.id}`}>{t('assessment.schemes.exportXlsx')}</span> },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button size={size} icon={<DownloadOutlined />} loading={busy} data-testid={`scheme-export-${scheme.id}`}>
        {t('assessment.schemes.export')}
      </Button>
    </Dropdown>
  );
}
