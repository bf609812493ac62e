import { App, Button, Space, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useKeyedAction } from '../api/use-action';
import { useI18n } from '../i18n/i18n-context';

export type DocumentFormat = 'pdf' | 'docx';

/**
 * Downloads an official document (公文) as PDF or as .docx for Word/WPS. Making a PDF takes the server
 * a few seconds, so each button shows it is busy.
 */
export function DocumentButtons({
  download,
  testId,
  label,
  size = 'middle',
  compact = false,
}: {
  download(format: DocumentFormat): Promise<string>;
  testId: string;
  /** Says what is downloaded where the buttons alone would not (e.g. 本组记分卡). */
  label?: string;
  size?: 'small' | 'middle';
  compact?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const save = useKeyedAction(
    async (format: DocumentFormat) => {
      const file = await download(format);
      void message.success(t('common.exported', { file }));
    },
    { onError: (m) => void message.error(m) },
  );
  const button = (format: DocumentFormat) => (
    <Button
      size={size}
      type={compact ? 'link' : 'default'}
      icon={format === 'pdf' ? <FilePdfOutlined /> : <FileWordOutlined />}
      loading={save.runningFor(format)}
      disabled={save.running && !save.runningFor(format)}
      onClick={() => void save.run(format)}
      data-testid={`${testId}-${format}`}
      style={compact ? { paddingInline: 0 } : undefined}
    >
      {format === 'pdf' ? t('common.document.pdf') : t('common.document.docx')}
    </Button>
  );
  return (
    <Space size={compact ? 8 : 'small'} wrap>
      {label && <Typography.Text type="secondary">{label}</Typography.Text>}
      {button('pdf')}
      {button('docx')}
    </Space>
  );
}
